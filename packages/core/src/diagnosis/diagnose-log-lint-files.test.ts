import { describe, expect, it } from 'vitest';
import { diagnoseLog } from './diagnose-log.ts';
import { DiagnosisResult } from './diagnosis-result.ts';

// Issue #13: logs shaped the way ESLint, Prettier and clippy print them on a GitHub Actions runner.
/** A GitHub Actions log: every line stamped like the runner stamps it. */
const gha = (lines: readonly string[]): string =>
  lines.map((line, index) => `2026-04-23T04:09:30.${String(index * 1371).padStart(7, '0')}Z ${line}`).join('\n');
const step = (name: string, command: string): string[] => [`##[group]Run ${name}`, command, 'shell: /usr/bin/bash -e {0}', '##[endgroup]'];
const exit = (code: number): string[] => [`##[error]Process completed with exit code ${code}.`, 'Post job cleanup.'];
const diagnose = (text: string): DiagnosisResult => DiagnosisResult.parse(diagnoseLog({ text }));
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('files from ESLint output', () => {
  it('reads stylish file headers (runner checkout prefix stripped) and gives each problem its line and column', () => {
    const text = gha([
      ...step('npm run lint', 'npm run lint'),
      '',
      '> demo@1.0.0 lint',
      '> eslint .',
      '',
      '',
      '/home/runner/work/demo/demo/src/a.ts',
      "  12:5   error  'x' is never reassigned. Use 'const' instead  prefer-const",
      "  20:11  error  'y' is defined but never used                  @typescript-eslint/no-unused-vars",
      '',
      '/home/runner/work/demo/demo/src/lib/b.js',
      '  3:1  error  Unexpected var, use let or const instead  no-var',
      '',
      '✖ 3 problems (3 errors, 0 warnings)',
      '  3 errors and 0 warnings potentially fixable with the `--fix` option.',
      '',
      ...exit(1),
    ]);
    const result = diagnose(text);
    expect(result.category).toBe('lint_error');
    expect(result.files).toEqual([
      { path: 'src/a.ts', line: 12, column: 5 },
      { path: 'src/a.ts', line: 20, column: 11 },
      { path: 'src/lib/b.js', line: 3, column: 1 },
    ]);
    expect(result.summary).toContain("'x' is never reassigned");
  });

  it('reads relative stylish headers in a plain (untimestamped) log', () => {
    const text = [
      '$ eslint src',
      '',
      'src/components/Button.tsx',
      '  7:10  error  React Hook "useState" is called conditionally  react-hooks/rules-of-hooks',
      '',
      '✖ 1 problem (1 error, 0 warnings)',
      '',
      'error Command failed with exit code 1.',
    ].join('\n');
    expect(diagnose(text).files).toEqual([{ path: 'src/components/Button.tsx', line: 7, column: 10 }]);
  });

  it('reads colored stylish output (underlined header, dimmed positions) and legacy .es6 files', () => {
    const esc = String.fromCharCode(27);
    const text = [
      `${esc}[2m$ /home/travis/build/acme/app/node_modules/.bin/eslint --ext .es6 app/assets${esc}[22m`,
      '',
      `${esc}[4m/home/travis/build/acme/app/app/assets/controllers/users.js.es6${esc}[24m`,
      `  ${esc}[2m3:8${esc}[22m  ${esc}[31merror${esc}[39m  'showModal' is defined but never used  ${esc}[2mno-unused-vars${esc}[22m`,
      '',
      `${esc}[31m${esc}[1m✖ 1 problem (1 error, 0 warnings)${esc}[22m${esc}[39m`,
      `${esc}[31merror${esc}[39m Command failed with exit code 1.`,
    ].join('\n');
    expect(diagnose(text).files).toEqual([{ path: 'app/assets/controllers/users.js.es6', line: 3, column: 8 }]);
  });

  it('reads the compact format', () => {
    const text = gha([
      ...step('npx eslint --format compact .', 'npx eslint --format compact .'),
      "/home/runner/work/demo/demo/src/a.ts: line 12, col 5, Error - 'x' is never reassigned. Use 'const' instead. (prefer-const)",
      '',
      '1 problem',
      ...exit(1),
    ]);
    expect(diagnose(text).files).toEqual([{ path: 'src/a.ts', line: 12, column: 5 }]);
  });
});

describe('files from Prettier output', () => {
  it('lists `prettier --check` files without line numbers and quotes the finding, not the npm command echo', () => {
    const text = gha([
      ...step('npm run format:check', 'npm run format:check'),
      '',
      '> demo@1.0.0 format:check',
      '> prettier --check "src/**/*.{ts,tsx}"',
      '',
      'Checking formatting...',
      '[warn] src/a.ts',
      '[warn] src/components/Button.tsx',
      '[warn] Code style issues found in 2 files. Run Prettier with --write to fix.',
      ...exit(1),
    ]);
    const result = diagnose(text);
    expect(result.category).toBe('format_error');
    expect(result.files).toEqual([{ path: 'src/a.ts' }, { path: 'src/components/Button.tsx' }]);
    expect(result.summary).toContain('Code style issues found in 2 files');
    expect(result.summary).not.toContain('> prettier');
    expect(result.rootCause).not.toContain('> prettier');
  });

  it('reads a bare file list above "Code style issues found in the above file(s)"', () => {
    const text = [
      '$ npm run prettier -- --check',
      '',
      '> app@0.0.1 prettier /home/travis/build/acme/app',
      '> prettier "**/*.css" "--check"',
      '',
      'Checking formatting...',
      'client/src/styles/theme.css',
      'client/src/styles/layout.css',
      'Code style issues found in the above file(s). Forgot to run Prettier?',
      'npm ERR! code ELIFECYCLE',
      'npm ERR! errno 1',
    ].join('\n');
    const result = diagnose(text);
    expect(result.files).toEqual([{ path: 'client/src/styles/theme.css' }, { path: 'client/src/styles/layout.css' }]);
    const first = result.evidence[0];
    expect(first?.start).toBeLessThanOrEqual(lineOf(text, 'theme.css'));
  });

  it('reads a file list printed a blank line or two below the caption that announces it', () => {
    const text = gha([
      ...step('yarn prettier-check', 'yarn prettier-check'),
      'yarn run v1.22.22',
      '$ node ./scripts/prettier/index.js',
      '',
      '  This project uses prettier to format all JavaScript code.',
      '    Please run yarn prettier-all and add changes to files listed below to your commit:',
      '',
      '',
      'packages/app/src/__tests__/Widget-test.js',
      'error Command failed with exit code 1.',
      ...exit(1),
    ]);
    expect(diagnose(text).files).toEqual([{ path: 'packages/app/src/__tests__/Widget-test.js' }]);
  });
});

describe('the summary quotes the error line', () => {
  it('quotes clippy\'s error, not its "= help: for further information" note', () => {
    const text = gha([
      ...step('cargo clippy --all-targets -- -D warnings', 'cargo clippy --all-targets -- -D warnings'),
      '    Checking demo v0.1.0 (/home/runner/work/demo/demo)',
      'error: unneeded `return` statement',
      ' --> src/lib.rs:3:5',
      '  |',
      '3 |     return x + 1;',
      '  |     ^^^^^^^^^^^^',
      '  |',
      '  = help: for further information visit https://rust-lang.github.io/rust-clippy/master/index.html#needless_return',
      '  = note: `-D clippy::needless-return` implied by `-D warnings`',
      '  = help: to override `-D warnings` add `#[allow(clippy::needless_return)]`',
      'help: remove `return`',
      '  |',
      '3 -     return x + 1;',
      '3 +     x + 1',
      '  |',
      '',
      'error: could not compile `demo` (lib) due to 1 previous error',
      ...exit(101),
    ]);
    const result = diagnose(text);
    expect(result.category).toBe('lint_error');
    expect(result.summary).toMatch(/: error: unneeded `return` statement$/);
    expect(result.rootCause.split('\n')[0]).toBe(`L${lineOf(text, 'error: unneeded')}: error: unneeded \`return\` statement`);
    expect(result.files).toContainEqual({ path: 'src/lib.rs', line: 3, column: 5 });
  });
});
