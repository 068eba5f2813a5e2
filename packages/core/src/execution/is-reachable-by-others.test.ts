import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isReachableByOthers } from './is-reachable-by-others.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('isReachableByOthers', () => {
  it('is false under a private ancestor and true once every ancestor may be traversed', () => {
    const root = mkdtempSync(join(tmpdir(), 'reach-'));
    made.push(root);
    const inner = join(root, 'a', 'b');
    mkdirSync(inner, { recursive: true, mode: 0o755 });
    chmodSync(root, 0o700);
    expect(isReachableByOthers({ path: inner })).toBe(false);
    chmodSync(root, 0o711);
    expect(isReachableByOthers({ path: inner })).toBe(true);
  });

  it('is false for a path that does not exist', () => {
    expect(isReachableByOthers({ path: join(tmpdir(), 'no-such-dir-for-reach-test', 'x') })).toBe(false);
  });
});
