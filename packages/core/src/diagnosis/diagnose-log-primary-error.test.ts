import { describe, expect, it } from 'vitest';
import { diagnoseLog } from './diagnose-log.ts';
import { DiagnosisResult } from './diagnosis-result.ts';

// Issue #13: the summary names the error the others follow from, not the first line of the cascade.
const gha = (lines: readonly string[]): string =>
  lines.map((line, index) => `2026-04-23T04:09:30.${String(index * 1371).padStart(7, '0')}Z ${line}`).join('\n');
const step = (name: string, command: string): string[] => [`##[group]Run ${name}`, command, 'shell: /usr/bin/bash -e {0}', '##[endgroup]'];
const exit = (code: number): string[] => [`##[error]Process completed with exit code ${code}.`, 'Post job cleanup.'];
const diagnose = (text: string): DiagnosisResult => DiagnosisResult.parse(diagnoseLog({ text }));
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('the primary compiler error', () => {
  it('tsc: names the unresolved module and counts the implicit-any cascade listed before it as following from it', () => {
    const implicit = (line: number, name: string): string => `src/app.ts(${line},22): error TS7006: Parameter '${name}' implicitly has an 'any' type.`;
    const text = gha([
      ...step('npm run typecheck', 'npm run typecheck'),
      '',
      '> shop@1.0.0 typecheck',
      '> tsc --noEmit',
      '',
      ...Array.from({ length: 10 }, (_, index) => implicit(4 + index * 3, index % 2 === 0 ? 'job' : 'result')),
      "src/app.ts(40,9): error TS2339: Property 'id' does not exist on type 'never'.",
      "src/app.ts(41,9): error TS2339: Property 'name' does not exist on type 'never'.",
      "src/queue.ts(1,29): error TS2307: Cannot find module './jobs/create-queue.js' or its corresponding type declarations.",
      ...exit(2),
    ]);
    const result = diagnose(text);
    expect(result.summary).toContain("error TS2307: Cannot find module './jobs/create-queue.js'");
    expect(result.summary).toMatch(/; 12 further errors \(TS7006 ×10, TS2339 ×2\) follow from it$/);
    const first = lineOf(text, 'error TS2307');
    expect(result.rootCause.split('\n')[0]).toBe(`L${first}: src/queue.ts(1,29): error TS2307: Cannot find module './jobs/create-queue.js' or its corresponding type declarations.`);
    expect(result.rootCause).toContain('12 further errors (TS7006 ×10, TS2339 ×2) follow from it.');
    expect(result.rootCause).not.toContain('error TS7006');
    expect(result.errorCodes.slice(0, 3)).toEqual(['TS2307', 'TS7006', 'TS2339']);
    // Fixers start from the first file: the one the cascade follows from.
    expect(result.files[0]).toEqual({ path: 'src/queue.ts', line: 1, column: 29 });
  });

  it('rustc: the first error, with the "aborting" and "could not compile" lines left out of the count', () => {
    const text = gha([
      ...step('cargo build', 'cargo build --locked'),
      '   Compiling demo v0.1.0 (/home/runner/work/demo/demo)',
      'error[E0432]: unresolved import `crate::config::Settings`',
      ' --> src/main.rs:1:5',
      '  |',
      '1 | use crate::config::Settings;',
      '  |     ^^^^^^^^^^^^^^^^^^^^^^^ no `Settings` in `config`',
      '',
      'error[E0282]: type annotations needed',
      ' --> src/main.rs:5:9',
      '  |',
      '5 |     let settings = Settings::load()?;',
      '  |         ^^^^^^^^',
      '',
      'error: aborting due to 2 previous errors',
      '',
      'Some errors have detailed explanations: E0282, E0432.',
      'error: could not compile `demo` (bin "demo") due to 2 previous errors',
      ...exit(101),
    ]);
    const result = diagnose(text);
    expect(result.summary).toMatch(/: error\[E0432\]: unresolved import `crate::config::Settings`; 1 further error \(E0282 ×1\) follows from it$/);
    expect(result.errorCodes[0]).toBe('E0432');
  });

  it('python: the KeyError that started a "During handling" chain, not the ConfigError raised while handling it', () => {
    const text = gha([
      ...step('python manage.py migrate', 'python manage.py migrate'),
      'Traceback (most recent call last):',
      '  File "/home/runner/work/shop/shop/shop/settings.py", line 12, in load',
      '    return os.environ["DATABASE_URL"]',
      '           ~~~~~~~~~~^^^^^^^^^^^^^^^^',
      '  File "<frozen os>", line 714, in __getitem__',
      "KeyError: 'DATABASE_URL'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/home/runner/work/shop/shop/manage.py", line 8, in <module>',
      '    settings = load()',
      '               ^^^^^^',
      '  File "/home/runner/work/shop/shop/shop/settings.py", line 14, in load',
      '    raise ConfigError("DATABASE_URL is not set")',
      'shop.settings.ConfigError: DATABASE_URL is not set',
      ...exit(1),
    ]);
    const result = diagnose(text);
    expect(result.summary).toMatch(/: KeyError: 'DATABASE_URL'; 1 further exception \(ConfigError ×1\) follows from it$/);
    expect(result.rootCause.split('\n')[0]).toBe(`L${lineOf(text, "KeyError: 'DATABASE_URL'")}: KeyError: 'DATABASE_URL'`);
  });
});
