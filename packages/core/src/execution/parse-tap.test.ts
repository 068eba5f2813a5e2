import { describe, expect, it } from 'vitest';
import { parseTap } from './parse-tap.ts';

// Shape of `node --test --test-reporter=tap` (Node 20) with nested suites, a skip and a file-level timeout.
const nodeTap = `TAP version 13
# Subtest: math
    # Subtest: adds
    ok 1 - adds
      ---
      duration_ms: 0.92
      ...
    # Subtest: adds wrong
    not ok 2 - adds wrong
      ---
      duration_ms: 1.57
      location: '/workspace/test/a.test.js:5:3'
      failureType: 'testCodeFailure'
      error: |-
        Expected values to be strictly equal:

        2 !== 3
      code: 'ERR_ASSERTION'
      stack: |-
        TestContext.<anonymous> (file:///workspace/test/a.test.js:5:35)
      ...
    # Subtest: nested
        # Subtest: deep
        ok 1 - deep # SKIP not today
          ---
          duration_ms: 0.23
          ...
        1..1
    ok 3 - nested
      ---
      duration_ms: 0.53
      type: 'suite'
      ...
    1..3
not ok 1 - math
  ---
  duration_ms: 4.52
  type: 'suite'
  location: '/workspace/test/a.test.js:3:1'
  failureType: 'subtestsFailed'
  error: '1 subtest failed'
  ...
# Subtest: /workspace/test/hang.test.js
not ok 2 - /workspace/test/hang.test.js
  ---
  duration_ms: 2007.5
  location: '/workspace/test/hang.test.js:1:1'
  failureType: 'testTimeoutFailure'
  error: 'test timed out after 2000ms'
  ...
1..2
`;

describe('parseTap', () => {
  it('turns node TAP into leaf tests with suite paths, files, outcomes and durations', () => {
    const tests = parseTap({ text: nodeTap });
    expect(tests.map((test) => [test.name, test.file, test.outcome])).toEqual([
      ['math > adds', 'test/a.test.js', 'pass'],
      ['math > adds wrong', 'test/a.test.js', 'fail'],
      ['math > nested > deep', 'test/a.test.js', 'skip'],
      ['test/hang.test.js', 'test/hang.test.js', 'timeout'],
    ]);
    const failed = tests[1];
    expect(failed?.durationMs).toBeCloseTo(1.57);
    expect(failed?.failureMessage).toContain('2 !== 3');
    expect(failed?.signature).toMatch(/^[0-9a-f]{16}$/);
    expect(tests[0]?.signature).toBeNull();
  });

  it('reads plain flat TAP and survives output cut off mid-run', () => {
    const tests = parseTap({ text: 'TAP version 13\nok 1 - first\nnot ok 2 - second # TODO later\nnot ok 3 - third\n  ---\n  error: boom\n' });
    expect(tests.map((test) => [test.name, test.outcome])).toEqual([
      ['first', 'pass'],
      ['second', 'skip'],
      ['third', 'fail'],
    ]);
  });
});
