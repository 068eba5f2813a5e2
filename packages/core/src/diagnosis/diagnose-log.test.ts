import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnoseLog } from './diagnose-log.ts';
import { DiagnosisResult } from './diagnosis-result.ts';
import type { FailureCategory } from './diagnosis-result.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/diagnosis/${name}`, import.meta.url), 'utf8');
/** 1-based number of the first line of `text` (split on "\n") containing `needle`. */
const lineOf = (text: string, needle: string): number => {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`fixture has no line containing ${needle}`);
  return index + 1;
};

type Expectation = {
  file: string;
  category: FailureCategory;
  /** Text of a line the first evidence range must include. */
  cause: string;
  step?: { name: string; exitCode: number | null };
  files?: string[];
  codes?: string[];
  test?: string;
};

const cases: Expectation[] = [
  { file: 'gha-tsc.log', category: 'type_error', cause: 'error TS2322', step: { name: 'Run npx tsc --noEmit -p .', exitCode: 2 }, files: ['src/index.ts'], codes: ['TS2322', 'TS2339'] },
  { file: 'gha-eslint.log', category: 'lint_error', cause: "'readFile' is defined but never used", step: { name: 'Run npm run lint', exitCode: 1 }, codes: ['@typescript-eslint/no-unused-vars'], files: ['src/server.ts'] },
  { file: 'gha-prettier.log', category: 'format_error', cause: '[warn] src/components/Button.tsx', files: ['src/components/Button.tsx'] },
  { file: 'gha-jest.log', category: 'test_failure', cause: '● Button › renders the label', test: 'Button › renders the label', files: ['src/components/Button.test.tsx'] },
  { file: 'gha-vitest-snapshot.log', category: 'snapshot_mismatch', cause: 'mismatched' },
  { file: 'gha-npm-eresolve.log', category: 'dependency_install', cause: 'npm error code ERESOLVE', step: { name: 'Run npm ci', exitCode: 1 }, codes: ['ERESOLVE'] },
  { file: 'gha-pytest.log', category: 'test_failure', cause: 'E       assert 3 == 4', test: 'test_add', step: { name: 'Run pytest -q', exitCode: 1 } },
  { file: 'gha-ruff.log', category: 'lint_error', cause: 'F401', files: ['src/app/main.py'], codes: ['F401', 'E501'] },
  { file: 'gha-go-test.log', category: 'test_failure', cause: '--- FAIL: TestParse', test: 'TestParse' },
  { file: 'gha-cargo-build.log', category: 'compile_error', cause: 'error[E0308]: mismatched types', files: ['src/main.rs'], codes: ['E0308'], step: { name: 'Run cargo build --locked', exitCode: 101 } },
  { file: 'gha-timeout.log', category: 'timeout', cause: 'exceeded the maximum execution time' },
  { file: 'gha-oom.log', category: 'out_of_memory', cause: 'JavaScript heap out of memory' },
  { file: 'gha-permission.log', category: 'permission_or_secret', cause: 'Resource not accessible by integration' },
  { file: 'gha-missing-secret.log', category: 'permission_or_secret', cause: 'ENEEDAUTH' },
  { file: 'gha-docker-build.log', category: 'docker_build', cause: '`npm ci` can only install packages' },
  { file: 'travis-maven-compile.log', category: 'compile_error', cause: 'Parser.java:[42,17] cannot find symbol', step: { name: '$ mvn -B install -DskipTests', exitCode: 1 }, files: ['src/main/java/com/acme/Parser.java'] },
  { file: 'travis-mocha.log', category: 'test_failure', cause: 'AssertionError [ERR_ASSERTION]', step: { name: '$ npm test', exitCode: 1 } },
  { file: 'gradle-junit.log', category: 'test_failure', cause: 'addsTwoNumbers() FAILED', test: 'com.acme.CalculatorTest > addsTwoNumbers()' },
  { file: 'dotnet-build.log', category: 'compile_error', cause: 'error CS0103', files: ['src/Api/Program.cs'], codes: ['CS0103'] },
  { file: 'make-gcc.log', category: 'compile_error', cause: 'implicit declaration of function', files: ['src/main.c'] },
];

describe('diagnoseLog on real-shaped CI logs', () => {
  it.each(cases)('$file', (expected) => {
    const text = fixture(expected.file);
    const result = diagnoseLog({ text });
    expect(DiagnosisResult.parse(result)).toEqual(result);
    expect(result.engine).toBe('heuristic');
    expect(result.category).toBe(expected.category);
    const causeLine = lineOf(text, expected.cause);
    const first = result.evidence[0];
    expect(first && first.start <= causeLine && causeLine <= first.end, `evidence ${JSON.stringify(result.evidence)} should include line ${causeLine}`).toBe(true);
    if (expected.step) expect(result.failingStep).toMatchObject(expected.step);
    for (const file of expected.files ?? []) expect(result.files.map((ref) => ref.path)).toContain(file);
    for (const code of expected.codes ?? []) expect(result.errorCodes).toContain(code);
    if (expected.test) expect(result.failingTests.map((test) => test.name).join('\n')).toContain(expected.test);
    expect(result.summary).not.toContain('\n');
  });

  it.each(cases)('$file: evidence ranges of at most 20 lines, each inside a context range', ({ file }) => {
    const result = diagnoseLog({ text: fixture(file) });
    expect(result.context).toHaveLength(result.evidence.length);
    result.evidence.forEach((range, index) => {
      const around = result.context?.[index];
      expect(range.end - range.start + 1).toBeLessThanOrEqual(20);
      expect(around && around.start <= range.start && range.end <= around.end, `context ${JSON.stringify(around)} around ${JSON.stringify(range)}`).toBe(true);
    });
  });

  it('quotes the compiler errors of a Maven build as the top range, not the BUILD FAILURE summary that repeats them', () => {
    const text = fixture('gha-maven-compile.log');
    const result = diagnoseLog({ text });
    const first = result.evidence[0];
    const cause = lineOf(text, 'InvoiceService.java:[58,21] cannot find symbol');
    expect(first && first.start <= cause && cause <= first.end, `evidence ${JSON.stringify(result.evidence)}`).toBe(true);
    expect(first && first.end - first.start + 1).toBeLessThanOrEqual(20);
    expect(first && first.start).toBeGreaterThanOrEqual(lineOf(text, 'COMPILATION ERROR'));
    const around = result.context?.[0];
    expect(around && around.start <= first!.start && first!.end <= around.end).toBe(true);
  });

  it('keeps evidence within the original line numbering when lines carry timestamps, ANSI codes and \\r', () => {
    const text = fixture('travis-maven-compile.log');
    const result = diagnoseLog({ text });
    const total = text.split('\n').length;
    for (const range of result.evidence) {
      expect(range.start).toBeGreaterThanOrEqual(1);
      expect(range.end).toBeLessThanOrEqual(total);
    }
  });

  it('answers with low confidence and the log tail when nothing looks like a failure', () => {
    const result = diagnoseLog({ text: 'step one\nstep two\nall good\n' });
    expect(result.category).toBe('unknown');
    expect(result.confidence).toBeLessThan(0.3);
    expect(result.evidence.length).toBeGreaterThan(0);
  });

  it('marks network failures as flaky suspects', () => {
    const result = diagnoseLog({ text: 'npm ci\nnpm ERR! code ECONNRESET\nnpm ERR! network read ECONNRESET\nProcess exited with code 1' });
    expect(result.category).toBe('network_or_infra');
    expect(result.flakySuspect.suspected).toBe(true);
    expect(result.flakySuspect.reason).toMatch(/ECONNRESET/);
  });

  it('never returns an unredacted secret in its text fields', () => {
    const token = ['gh', 'p_', 'Zy9'.repeat(12)].join('');
    const result = diagnoseLog({ text: `Run git push\nfatal: Authentication failed for 'https://x:${token}@github.com/acme/app.git'\nProcess completed with exit code 128.` });
    expect(JSON.stringify(result)).not.toContain(token);
    expect(result.category).toBe('permission_or_secret');
  });
});
