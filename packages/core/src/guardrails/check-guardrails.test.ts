import { describe, expect, it } from 'vitest';
import type { FailureCategory } from '../diagnosis/diagnosis-result.ts';
import { checkGuardrails } from './check-guardrails.ts';
import type { FileChange } from './guardrail-finding.ts';

const rulesFor = (
  changes: FileChange[],
  category: FailureCategory = 'compile_error',
  diagnosedFiles: string[] = [],
): string[] => checkGuardrails({ changes, category, diagnosedFiles }).findings.map((finding) => finding.rule);

const edit = (path: string, before: string | null, after: string | null): FileChange => ({
  path,
  before,
  after,
});

const jsTest = `import { expect, it } from 'vitest';
import { add } from '../src/add.ts';

it('adds', () => {
  expect(add(1, 2)).toBe(3);
});

it('adds negatives', () => {
  expect(add(-1, -2)).toBe(-3);
});
`;

// Each rule: [rule id, a change that must trigger it, a similar change that must not, category?]
const cases: Array<{
  rule: string;
  positive: FileChange[];
  negative: FileChange[];
  category?: FailureCategory;
}> = [
  {
    rule: 'test-deleted',
    positive: [edit('test/add.test.ts', jsTest, jsTest.replace(/\nit\('adds negatives'[\s\S]*$/, '\n'))],
    negative: [
      edit(
        'test/add.test.ts',
        jsTest,
        `${jsTest}\nit('adds zero', () => {\n  expect(add(0, 0)).toBe(0);\n});\n`,
      ),
    ],
  },
  {
    rule: 'test-deleted',
    positive: [edit('tests/test_math.py', 'def test_add():\n    assert add(1, 2) == 3\n', null)],
    negative: [edit('src/math.py', 'def add(a, b):\n    return a - b\n', null)],
  },
  {
    rule: 'test-skipped',
    positive: [
      edit('test/add.test.ts', jsTest, jsTest.replace("it('adds negatives'", "it.skip('adds negatives'")),
    ],
    negative: [
      edit('test/add.test.ts', jsTest, jsTest.replace("it('adds negatives'", "it('adds two negatives'")),
    ],
  },
  {
    rule: 'test-skipped',
    positive: [
      edit(
        'src/lib.rs',
        '#[test]\nfn parses() {\n    assert_eq!(parse("1"), 1);\n}\n',
        '#[test]\n#[ignore]\nfn parses() {\n    assert_eq!(parse("1"), 1);\n}\n',
      ),
    ],
    negative: [
      edit(
        'src/lib.rs',
        '#[test]\nfn parses() {\n    assert_eq!(parse("1"), 1);\n}\n',
        '#[test]\nfn parses() {\n    assert_eq!(parse(" 1 "), 1);\n}\n',
      ),
    ],
  },
  {
    rule: 'test-skipped',
    positive: [
      edit(
        'report_test.go',
        'func TestHeader(t *testing.T) {\n\tif Header("a") != "A" {\n\t\tt.Fatal("bad")\n\t}\n}\n',
        'func TestHeader(t *testing.T) {\n\tt.Skip("flaky")\n\tif Header("a") != "A" {\n\t\tt.Fatal("bad")\n\t}\n}\n',
      ),
    ],
    negative: [
      edit(
        'report_test.go',
        'func TestHeader(t *testing.T) {\n}\n',
        'func TestHeader(t *testing.T) {\n\tt.Parallel()\n}\n',
      ),
    ],
  },
  {
    rule: 'test-skipped',
    positive: [
      edit(
        'tests/test_api.py',
        'def test_get():\n    assert get() == 1\n',
        '@pytest.mark.skip(reason="later")\ndef test_get():\n    assert get() == 1\n',
      ),
    ],
    negative: [
      edit(
        'tests/test_api.py',
        'def test_get():\n    assert get() == 1\n',
        '@pytest.mark.parametrize("x", [1])\ndef test_get(x):\n    assert get() == x\n',
      ),
    ],
  },
  {
    rule: 'test-skipped',
    positive: [
      edit(
        'src/test/java/AppTest.java',
        '  @Test\n  void works() {}\n',
        '  @Disabled\n  @Test\n  void works() {}\n',
      ),
    ],
    negative: [
      edit(
        'src/test/java/AppTest.java',
        '  @Test\n  void works() {}\n',
        '  @Test\n  @DisplayName("works")\n  void works() {}\n',
      ),
    ],
  },
  {
    rule: 'test-focused',
    positive: [edit('test/add.test.ts', jsTest, jsTest.replace("it('adds'", "it.only('adds'"))],
    negative: [edit('test/add.test.ts', jsTest, jsTest.replace("it('adds'", "it('adds small numbers'"))],
  },
  {
    rule: 'assertion-removed',
    positive: [
      edit(
        'test/add.test.ts',
        jsTest,
        jsTest.replace('  expect(add(-1, -2)).toBe(-3);\n', '  add(-1, -2);\n'),
      ),
    ],
    negative: [
      edit(
        'test/add.test.ts',
        jsTest,
        jsTest.replace(
          '  expect(add(-1, -2)).toBe(-3);\n',
          '  expect(add(-1, -2)).toBe(-3);\n  expect(add(-2, -2)).toBe(-4);\n',
        ),
      ),
    ],
  },
  {
    rule: 'assertion-loosened',
    positive: [
      edit(
        'test/add.test.ts',
        jsTest,
        jsTest.replace('expect(add(1, 2)).toBe(3);', 'expect(add(1, 2)).toBeDefined();'),
      ),
    ],
    negative: [
      edit(
        'test/add.test.ts',
        jsTest,
        jsTest.replace('expect(add(1, 2)).toBe(3);', 'expect(add(1, 2)).toStrictEqual(3);'),
      ),
    ],
  },
  {
    rule: 'test-expectation-changed',
    category: 'test_failure',
    positive: [edit('test/add.test.ts', jsTest, jsTest.replace('toBe(3)', 'toBe(4)'))],
    negative: [
      edit(
        'src/add.ts',
        'export const add = (a: number, b: number) => a - b;\n',
        'export const add = (a: number, b: number) => a + b;\n',
      ),
    ],
  },
  {
    rule: 'ignore-pragma-added',
    positive: [
      edit(
        'src/a.ts',
        'const x: number = load();\n',
        '// @ts-expect-error legacy\nconst x: number = load();\n',
      ),
    ],
    negative: [edit('src/a.ts', 'const x: number = load();\n', 'const x: number = Number(load());\n')],
  },
  {
    rule: 'ignore-pragma-added',
    positive: [
      edit('app/main.py', 'import os\n', 'import os  # noqa: F401\n'),
      edit('src/lib.rs', 'use std::fmt;\n', '#[allow(unused_imports)]\nuse std::fmt;\n'),
    ],
    negative: [edit('app/main.py', 'import os\n', 'import sys\n')],
  },
  {
    rule: 'ci-continue-on-error',
    positive: [
      edit(
        '.github/workflows/ci.yml',
        'jobs:\n  test:\n    steps:\n      - run: npm test\n',
        'jobs:\n  test:\n    steps:\n      - run: npm test\n        continue-on-error: true\n',
      ),
    ],
    negative: [
      edit(
        '.github/workflows/ci.yml',
        'jobs:\n  test:\n    steps:\n      - run: npm test\n',
        'jobs:\n  test:\n    steps:\n      - run: npm test -- --reporter=dot\n',
      ),
    ],
  },
  {
    rule: 'shell-error-suppressed',
    positive: [edit('scripts/check.sh', 'npm run lint\n', 'npm run lint || true\n')],
    negative: [edit('scripts/check.sh', 'npm run lint\n', 'npm run lint && npm run typecheck\n')],
  },
  {
    rule: 'timeout-raised',
    positive: [
      edit(
        'vitest.config.ts',
        'export default { test: { testTimeout: 5000 } };\n',
        'export default { test: { testTimeout: 60000 } };\n',
      ),
    ],
    negative: [
      edit(
        'vitest.config.ts',
        'export default { test: { testTimeout: 5000 } };\n',
        'export default { test: { testTimeout: 2000 } };\n',
      ),
    ],
  },
  {
    rule: 'retries-added',
    positive: [
      edit(
        'playwright.config.ts',
        'export default { workers: 2 };\n',
        'export default { workers: 2, retries: 3 };\n',
      ),
    ],
    negative: [
      edit('playwright.config.ts', 'export default { workers: 2 };\n', 'export default { workers: 1 };\n'),
    ],
  },
  {
    rule: 'snapshot-rewritten',
    positive: [
      edit(
        'src/__snapshots__/view.test.ts.snap',
        'exports[`view 1`] = `"a"`;\n',
        'exports[`view 1`] = `"b"`;\n',
      ),
    ],
    negative: [edit('src/view.ts', 'export const view = () => "b";\n', 'export const view = () => "a";\n')],
  },
  {
    rule: 'ci-config-edited',
    positive: [edit('.github/workflows/ci.yml', 'on: push\n', 'on: [push, pull_request]\n')],
    negative: [edit('docs/ci.md', 'CI runs on push.\n', 'CI runs on push and pull requests.\n')],
  },
  {
    rule: 'lockfile-edited',
    positive: [
      edit('package-lock.json', '{"lockfileVersion": 3}\n', '{"lockfileVersion": 3, "packages": {}}\n'),
    ],
    negative: [edit('package.json', '{"name": "a"}\n', '{"name": "a", "private": true}\n')],
  },
  {
    rule: 'migration-edited',
    positive: [
      edit(
        'prisma/migrations/20240101_init/migration.sql',
        'CREATE TABLE a (id int);\n',
        'CREATE TABLE a (id bigint);\n',
      ),
    ],
    negative: [edit('src/db/query.ts', 'export const q = "select 1";\n', 'export const q = "select 2";\n')],
  },
  {
    rule: 'secret-touched',
    positive: [
      edit('.env', 'A=1\n', 'A=2\n'),
      edit('src/config.ts', 'export const key = "";\n', 'export const key = "AKIAABCDEFGHIJKLMNOP";\n'),
    ],
    negative: [
      edit('src/config.ts', 'export const key = "";\n', 'export const key = process.env.KEY ?? "";\n'),
    ],
  },
  {
    rule: 'error-swallowed',
    positive: [
      edit(
        'src/load.ts',
        'export const load = () => JSON.parse(read());\n',
        'export const load = () => {\n  try {\n    return JSON.parse(read());\n  } catch {\n    return undefined;\n  }\n};\n',
      ),
    ],
    negative: [
      edit(
        'src/load.ts',
        'export const load = () => JSON.parse(read());\n',
        'export const load = () => {\n  try {\n    return JSON.parse(read());\n  } catch (error) {\n    throw new Error("bad config", { cause: error });\n  }\n};\n',
      ),
    ],
  },
  {
    rule: 'error-swallowed',
    positive: [
      edit(
        'app/io.py',
        'def load():\n    return read()\n',
        'def load():\n    try:\n        return read()\n    except Exception:\n        pass\n',
      ),
    ],
    negative: [
      edit(
        'app/io.py',
        'def load():\n    return read()\n',
        'def load():\n    try:\n        return read()\n    except FileNotFoundError:\n        return default()\n',
      ),
    ],
  },
  {
    rule: 'checker-config-weakened',
    positive: [
      edit(
        'tsconfig.json',
        '{\n  "compilerOptions": {\n    "strict": true\n  }\n}\n',
        '{\n  "compilerOptions": {\n    "strict": false\n  }\n}\n',
      ),
    ],
    negative: [
      edit(
        'tsconfig.json',
        '{\n  "compilerOptions": {\n    "strict": true\n  }\n}\n',
        '{\n  "compilerOptions": {\n    "strict": true,\n    "noUncheckedIndexedAccess": true\n  }\n}\n',
      ),
    ],
  },
  {
    rule: 'checker-config-weakened',
    positive: [edit('Makefile', 'lint:\n\tcargo clippy -- -D warnings\n', 'lint:\n\tcargo clippy\n')],
    negative: [
      edit(
        'Makefile',
        'lint:\n\tcargo clippy -- -D warnings\n',
        'lint:\n\tcargo clippy --all-targets -- -D warnings\n',
      ),
    ],
  },
];

describe('checkGuardrails', () => {
  for (const [index, testCase] of cases.entries()) {
    it(`flags ${testCase.rule} (#${index + 1})`, () => {
      expect(rulesFor(testCase.positive, testCase.category)).toContain(testCase.rule);
    });
    it(`does not flag ${testCase.rule} on a legitimate change (#${index + 1})`, () => {
      expect(rulesFor(testCase.negative, testCase.category)).not.toContain(testCase.rule);
    });
  }

  it('flags files outside the diagnosed area as a warning only', () => {
    const report = checkGuardrails({
      changes: [edit('src/post.ts', 'a\n', 'b\n'), edit('lib/other/util.ts', 'a\n', 'b\n')],
      category: 'type_error',
      diagnosedFiles: ['src/post.ts'],
    });
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'outside-diagnosed-area',
        file: 'lib/other/util.ts',
        severity: 'warn',
      }),
    ]);
    expect(report.blocked).toBe(false);
  });

  it('does not flag the diagnosed file or its neighbours', () => {
    const report = checkGuardrails({
      changes: [edit('src/post.ts', 'a\n', 'b\n'), edit('src/slug.ts', 'a\n', 'b\n')],
      category: 'type_error',
      diagnosedFiles: ['src/post.ts'],
    });
    expect(report.findings).toEqual([]);
  });

  it('downgrades lockfile edits to a warning for dependency failures', () => {
    const report = checkGuardrails({
      changes: [edit('Cargo.lock', 'a\n', 'b\n')],
      category: 'dependency_install',
    });
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'lockfile-edited', severity: 'warn' })]);
  });

  it('reports the line of the finding in the patched file', () => {
    const report = checkGuardrails({
      changes: [
        edit('test/add.test.ts', jsTest, jsTest.replace("it('adds negatives'", "it.skip('adds negatives'")),
      ],
      category: 'test_failure',
    });
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'test-skipped', file: 'test/add.test.ts', line: 8, severity: 'block' }),
    );
    expect(report.blocked).toBe(true);
  });

  it('is not fooled by skip markers inside strings', () => {
    const after = jsTest.replace('expect(add(1, 2)).toBe(3);', "expect(label('it.skip(')).toBe('it.skip(');");
    expect(rulesFor([edit('test/add.test.ts', jsTest, after)], 'compile_error')).not.toContain(
      'test-skipped',
    );
  });

  it('accepts a plain source fix with no findings', () => {
    expect(
      checkGuardrails({
        changes: [
          edit(
            'src/post.ts',
            "import { a } from './a.js';\n",
            "import { a } from './a.js';\nimport { slugify } from './slug.js';\n",
          ),
        ],
        category: 'type_error',
        diagnosedFiles: ['src/post.ts'],
      }),
    ).toEqual({ findings: [], blocked: false });
  });
});
