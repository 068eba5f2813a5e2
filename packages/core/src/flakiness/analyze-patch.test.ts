import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalSandbox } from '../execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../execution/resolve-sandbox-limits.ts';
import { analyzePatch } from './analyze-patch.ts';

const fixture = fileURLToPath(new URL('../../test/fixtures/execution/deterministic-failure', import.meta.url));
const cleanup: string[] = [];
afterAll(async () => {
  for (const path of cleanup) await rm(path, { recursive: true, force: true });
});

describe('analyzePatch', () => {
  it('says fixed for the repaired test and not_reproduced for a CI failure that passes on the original', async () => {
    const root = await mkdtemp(join(tmpdir(), 'suture-patch-'));
    cleanup.push(root);
    const originalDir = join(root, 'original');
    const patchedDir = join(root, 'patched');
    await cp(fixture, originalDir, { recursive: true });
    await cp(fixture, patchedDir, { recursive: true });
    await writeFile(join(patchedDir, 'src', 'add.js'), 'export const add = (a, b) => a + b;\n');
    const sandbox = await createLocalSandbox({ searchPath: '/usr/local/bin:/usr/bin:/bin', isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0 });
    const report = await analyzePatch({
      sandbox,
      originalDir,
      patchedDir,
      limits: resolveSandboxLimits({ overrides: { wallTimeMs: 20_000 } }),
      runs: 2,
      concurrency: 2,
      probeOrder: false,
      failingTests: ['add > handles negative numbers', 'add > adds small numbers'],
    });
    expect(report.tests).toEqual([
      { name: 'add > handles negative numbers', original: 'fail', patched: 'pass', verdict: 'fixed' },
      { name: 'add > adds small numbers', original: 'pass', patched: 'pass', verdict: 'not_reproduced' },
    ]);
  });
});
