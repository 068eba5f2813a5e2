import { describe, expect, it } from 'vitest';
import { parseTestLog } from './parse-test-log.ts';

const pick = (text: string) => parseTestLog({ text }).map((test) => [test.name, test.outcome]);

describe('parseTestLog', () => {
  it('reads pytest -v and -rA lines', () => {
    const log =
      'tests/test_a.py::test_ok PASSED [ 50%]\ntests/test_a.py::TestB::test_bad FAILED [100%]\nFAILED tests/test_a.py::TestB::test_bad - assert 1 == 2\n';
    const tests = parseTestLog({ text: log });
    expect(tests.map((test) => [test.name, test.file, test.outcome])).toEqual([
      ['test_ok', 'tests/test_a.py', 'pass'],
      ['TestB > test_bad', 'tests/test_a.py', 'fail'],
    ]);
    expect(tests[1]?.failureMessage).toBe('assert 1 == 2');
  });

  it('reads go test -v with subtests, messages and a panic timeout', () => {
    const log = [
      '=== RUN   TestAdd',
      '--- PASS: TestAdd (0.00s)',
      '=== RUN   TestDiv/by_zero',
      '    div_test.go:12: expected error, got nil',
      '    --- FAIL: TestDiv/by_zero (0.01s)',
      'panic: test timed out after 2s',
      'running tests:',
      '\tTestHang (2s)',
    ].join('\n');
    const tests = parseTestLog({ text: log });
    expect(tests.map((test) => [test.name, test.outcome])).toEqual([
      ['TestAdd', 'pass'],
      ['TestDiv > by_zero', 'fail'],
      ['TestHang', 'timeout'],
    ]);
    expect(tests[1]?.failureMessage).toContain('expected error, got nil');
  });

  it('reads cargo test output with failure sections', () => {
    const log = [
      'test math::adds ... ok',
      'test math::divides ... FAILED',
      'test slow ... ignored',
      '',
      'failures:',
      '',
      '---- math::divides stdout ----',
      "thread 'math::divides' panicked at src/lib.rs:10:5:",
      'attempt to divide by zero',
      '',
      'failures:',
      '    math::divides',
      'test result: FAILED. 1 passed; 1 failed; 1 ignored',
    ].join('\n');
    const tests = parseTestLog({ text: log });
    expect(tests.map((test) => [test.name, test.outcome])).toEqual([
      ['math > adds', 'pass'],
      ['math > divides', 'fail'],
      ['slow', 'skip'],
    ]);
    expect(tests[1]?.failureMessage).toContain('attempt to divide by zero');
  });

  it('reads tick-mark reporters and returns nothing for unrelated logs', () => {
    expect(pick('  ✔ parses input (2ms)\n  ✖ writes output\n')).toEqual([
      ['parses input', 'pass'],
      ['writes output', 'fail'],
    ]);
    expect(pick('compiling...\nerror: linker failed\n')).toEqual([]);
    expect(
      pick('/src/a.js\n  1:1  error  Unexpected var  no-var\n\n✖ 5 problems (5 errors, 0 warnings)\n'),
    ).toEqual([]);
  });
});
