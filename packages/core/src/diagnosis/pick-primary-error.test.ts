import { describe, expect, it } from 'vitest';
import { pickPrimaryError } from './pick-primary-error.ts';

const numbered = (text: string): { line: number; text: string }[] =>
  text.split('\n').map((line, index) => ({ line: index + 1, text: line }));

describe('pickPrimaryError', () => {
  it('tsc: the unresolved module, listed after the implicit-any errors it causes (tsc sorts by file name)', () => {
    const log = [
      '> shop@1.0.0 typecheck',
      '> tsc --noEmit',
      '',
      "src/app.ts(4,22): error TS7006: Parameter 'job' implicitly has an 'any' type.",
      "src/app.ts(8,26): error TS7006: Parameter 'job' implicitly has an 'any' type.",
      "src/app.ts(8,31): error TS7006: Parameter 'result' implicitly has an 'any' type.",
      "src/app.ts(11,9): error TS2339: Property 'id' does not exist on type 'never'.",
      "src/queue.ts(1,29): error TS2307: Cannot find module './jobs/create-queue.js' or its corresponding type declarations.",
      'npm error Lifecycle script `typecheck` failed with error:',
    ].join('\n');
    const picked = pickPrimaryError({ lines: numbered(log) });
    expect(picked?.primary).toEqual({
      line: 8,
      text: "src/queue.ts(1,29): error TS2307: Cannot find module './jobs/create-queue.js' or its corresponding type declarations.",
      code: 'TS2307',
      tool: 'tsc',
    });
    expect(picked?.secondary.map((error) => error.code)).toEqual(['TS2339', 'TS7006', 'TS7006', 'TS7006']);
    expect(picked?.cascade).toBe(true);
  });

  it('tsc --pretty: reads "file:line:col - error TSxxxx" lines', () => {
    const log = [
      "src/a.ts:3:7 - error TS2322: Type 'string' is not assignable to type 'number'.",
      '',
      '3 const n: number = "x";',
      '        ~',
      "src/b.ts:1:10 - error TS2305: Module '\"./a.js\"' has no exported member 'total'.",
      '',
      'Found 2 errors in 2 files.',
    ].join('\n');
    const picked = pickPrimaryError({ lines: numbered(log) });
    expect(picked?.primary.code).toBe('TS2305');
    expect(picked?.secondary.map((error) => error.line)).toEqual([1]);
  });

  it('tsc: errors of one kind keep compile order and are not called a cascade', () => {
    const log = [
      "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.",
      "src/b.ts(9,1): error TS2322: Type 'boolean' is not assignable to type 'string'.",
    ].join('\n');
    const picked = pickPrimaryError({ lines: numbered(log) });
    expect(picked?.primary.line).toBe(1);
    expect(picked?.cascade).toBe(false);
  });

  it('rustc: the first error[E...]; "aborting due to" and "could not compile" are fallout', () => {
    const log = [
      '   Compiling demo v0.1.0 (/home/runner/work/demo/demo)',
      'warning: unused variable: `x`',
      ' --> src/main.rs:2:9',
      'error[E0432]: unresolved import `crate::config::Settings`',
      ' --> src/main.rs:1:5',
      '  |',
      '1 | use crate::config::Settings;',
      '  |     ^^^^^^^^^^^^^^^^^^^^^^^ no `Settings` in `config`',
      '',
      'error[E0282]: type annotations needed',
      ' --> src/main.rs:5:9',
      'error: aborting due to 2 previous errors',
      '',
      'Some errors have detailed explanations: E0282, E0432.',
      'error: could not compile `demo` (bin "demo") due to 2 previous errors',
    ].join('\n');
    const picked = pickPrimaryError({ lines: numbered(log) });
    expect(picked?.primary).toMatchObject({ line: 4, code: 'E0432', tool: 'rustc' });
    expect(picked?.secondary.map((error) => error.line)).toEqual([10]);
    expect(picked?.cascade).toBe(true);
  });

  it('rustc: a failing test run ("test failed, to rerun") is not a compiler error', () => {
    expect(pickPrimaryError({ lines: numbered('error: test failed, to rerun pass `--lib`') })).toBeNull();
  });

  it('go: the first error of the broken package, not its importer\'s "could not import"; "too many errors" is not one', () => {
    const log = [
      '# example.com/shop/internal/api',
      'internal/api/handler.go:5:2: could not import example.com/shop/internal/billing (missing metadata for import of "example.com/shop/internal/billing")',
      '# example.com/shop/internal/billing',
      'internal/billing/invoice.go:14:2: undefined: taxRate',
      'internal/billing/invoice.go:31:9: cannot use total (variable of type float64) as int value in return statement',
      'too many errors',
    ].join('\n');
    const picked = pickPrimaryError({ lines: numbered(log) });
    expect(picked?.primary).toMatchObject({ line: 4, text: 'internal/billing/invoice.go:14:2: undefined: taxRate', tool: 'go' });
    expect(picked?.secondary.map((error) => error.line)).toEqual([5, 2]);
  });

  it('go: test assertions without a column are not compiler errors', () => {
    const log = ['--- FAIL: TestTotal (0.00s)', '    invoice_test.go:12: got 3, want 4', 'FAIL'].join('\n');
    expect(pickPrimaryError({ lines: numbered(log) })).toBeNull();
  });

  it('python: the exception that started a "During handling" chain is the cause', () => {
    const log = [
      'Traceback (most recent call last):',
      '  File "/app/settings.py", line 12, in load',
      '    return os.environ["DATABASE_URL"]',
      '  File "<frozen os>", line 714, in __getitem__',
      "KeyError: 'DATABASE_URL'",
      '',
      'During handling of the above exception, another exception occurred:',
      '',
      'Traceback (most recent call last):',
      '  File "/app/manage.py", line 8, in <module>',
      '    settings = load()',
      '  File "/app/settings.py", line 14, in load',
      '    raise ConfigError("DATABASE_URL is not set")',
      'settings.ConfigError: DATABASE_URL is not set',
    ].join('\n');
    const picked = pickPrimaryError({ lines: numbered(log) });
    expect(picked?.primary).toEqual({ line: 5, text: "KeyError: 'DATABASE_URL'", code: 'KeyError', tool: 'python' });
    expect(picked?.secondary).toEqual([{ line: 14, text: 'settings.ConfigError: DATABASE_URL is not set', code: 'ConfigError', tool: 'python' }]);
    expect(picked?.cascade).toBe(true);
  });

  it('python: exception-looking lines outside a traceback are not picked', () => {
    expect(pickPrimaryError({ lines: numbered('ValueError: this is logged, not raised') })).toBeNull();
  });

  it('rustc: a plain "error:" counts only when it points at a Rust file (pip and git print them too)', () => {
    const pip = ['  × Building wheel for lxml (pyproject.toml) did not run successfully.', 'error: subprocess-exited-with-error', 'error: failed-wheel-build-for-install'];
    expect(pickPrimaryError({ lines: numbered(pip.join('\n')) })).toBeNull();
    const clippy = ['error: unneeded `return` statement', ' --> src/lib.rs:3:5', '  |'];
    expect(pickPrimaryError({ lines: numbered(clippy.join('\n')) })?.primary.line).toBe(1);
  });

  it('returns null for output without compiler errors', () => {
    expect(pickPrimaryError({ lines: numbered('npm error code ERESOLVE\nnpm error ERESOLVE unable to resolve dependency tree') })).toBeNull();
  });
});
