import { describe, expect, it } from 'vitest';
import { computeFailureSignature, normalizeFailureText } from './compute-failure-signature.ts';

describe('computeFailureSignature', () => {
  it('strips paths, numbers, addresses, uuids and timestamps before hashing', () => {
    const a = 'Error at 2024-05-01T10:00:00.123Z in /home/ci/work/src/a.ts:12:3: object 0x7ffd1234 id 6f1c2a9e-1b2c-4d5e-8f90-123456789abc took 153ms';
    const b = 'Error at 2026-11-26T21:14:59Z in /tmp/suture-run-x/workspace/src/a.ts:99:1: object 0x55aa id 00000000-1111-4222-8333-444444444444 took 9ms';
    expect(normalizeFailureText(a)).toBe('Error at <ts> in <path>: object <addr> id <uuid> took <n>ms');
    expect(computeFailureSignature({ message: a })).toBe(computeFailureSignature({ message: b }));
  });

  it('separates different failures and ignores stack frames', () => {
    const first = computeFailureSignature({ message: 'Expected 2 to equal 3\n    at foo (a.js:1:1)' });
    expect(first).toBe(computeFailureSignature({ message: 'Expected 5 to equal 9\n    at bar (b.js:2:2)' }));
    expect(first).not.toBe(computeFailureSignature({ message: 'TypeError: cannot read properties of undefined' }));
    expect(first).toMatch(/^[0-9a-f]{16}$/);
  });
});
