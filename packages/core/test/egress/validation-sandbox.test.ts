// The fixer stack validates each candidate patch by running the repository's own scripts and the failing CI
// step. That is repository code: it ran on the host with the worker's environment and network. Now it runs in
// the sandbox, in a throwaway copy of the workspace.
import { chmod, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingServer, type CountingServer } from '../fixtures/execution/start-counting-server.ts';
import { createLocalSandbox } from '../../src/execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../../src/execution/resolve-sandbox-limits.ts';
import type { Sandbox } from '../../src/execution/sandbox-types.ts';
import { fixFailure } from '../../src/patching/fix-failure.ts';
import { ensureRepairFixture } from '../../src/patching/testing/ensure-repair-fixture.ts';
import { validatePatch } from '../../src/validation/validate-patch.ts';
import { createSandboxedRunner } from '../../src/workspace/create-sandboxed-runner.ts';
import { createWorkspace } from '../../src/workspace/create-workspace.ts';
import { disposeWorkspace } from '../../src/workspace/dispose-workspace.ts';

const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 120_000, processes: 512 } });
let sandbox: Sandbox;
let server: CountingServer;
const cleanup: string[] = [];

beforeAll(async () => {
  sandbox = await createLocalSandbox({ searchPath: '/usr/local/bin:/usr/bin:/bin', isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0, extraPath: ['/usr/local/go/bin'] });
  server = await startCountingServer();
});

afterAll(async () => {
  await server.close();
  for (const path of cleanup) await rm(path, { recursive: true, force: true });
});

describe('validation checks in the sandbox', () => {
  it("a hostile failing-CI-step re-run reaches nothing on the host and cannot touch the workspace's .git", async () => {
    const source = await mkdtemp(join(tmpdir(), 'suture-hostile-check-'));
    cleanup.push(source);
    await writeFile(join(source, 'index.js'), 'export {};\n');
    const workspace = await createWorkspace({ sourceDir: source });
    try {
      const gitConfig = await readFile(join(workspace.dir, '.git', 'config'), 'utf8');
      const step = [
        `node -e "require('net').connect(${server.port}, '127.0.0.1').on('connect', () => console.log('REACHED')).on('error', (e) => console.log('connect', e.code))"`,
        // The host's git would run this on its next `git diff` if it landed in the real .git.
        `git config core.fsmonitor 'touch /tmp/suture-pwned' || true`,
        'echo "home=$HOME"',
        'exit 1',
      ].join('; ');
      const result = await validatePatch({
        dir: workspace.dir,
        checks: [{ name: 'failing CI step', command: 'bash', args: ['-c', step], env: {}, kind: 'rerun' }],
        run: createSandboxedRunner({ sandbox, workspaceDir: workspace.dir, limits }),
      });
      const output = result.checks[0]?.output ?? '';
      expect(result.ok).toBe(false);
      expect(output).toContain('connect ECONNREFUSED');
      expect(output).not.toContain('REACHED');
      expect(output).toContain('home=/home/sandbox');
      expect(server.connections()).toBe(0);
      expect(await readFile(join(workspace.dir, '.git', 'config'), 'utf8')).toBe(gitConfig);
    } finally {
      await disposeWorkspace({ workspace });
    }
  }, 60_000);

  it('still proves real fixes: a TypeScript fix validated by tsc from the shared node_modules, a lint fix by npm run lint, a Go fix by go build', async () => {
    for (const id of ['ts-missing-import', 'eslint-errors', 'go-missing-import']) {
      const fixture = await ensureRepairFixture({ id });
      const report = await fixFailure({ repoDir: fixture.repoDir, log: fixture.log, cacheDir: fixture.cacheDir, validationSandbox: { sandbox, limits } });
      expect(report.outcome, `${id}: ${report.reason}`).toBe('fixed');
      expect(report.attempts.find((attempt) => attempt.kept)?.validation?.ok).toBe(true);
    }
  }, 240_000);

  it('binds a shared node_modules that lies under /tmp, and names a private one instead of failing every check', async () => {
    // A shared install in a scratch folder under /tmp (tests, the e2e stack): bwrap's private /tmp used to hide it,
    // so `tsc` was "not found" and a correct fix was rolled back as broken.
    const shared = await mkdtemp(join(tmpdir(), 'suture-shared-install-'));
    cleanup.push(shared);
    const bin = join(shared, 'node_modules', '.bin');
    await mkdir(bin, { recursive: true });
    await writeFile(join(bin, 'hello-check'), '#!/bin/sh\necho shared-install-visible\n', { mode: 0o755 });
    const source = await mkdtemp(join(tmpdir(), 'suture-linked-check-'));
    cleanup.push(source);
    await writeFile(join(source, 'index.js'), 'export {};\n');
    const workspace = await createWorkspace({ sourceDir: source });
    try {
      await symlink(join(shared, 'node_modules'), join(workspace.dir, 'node_modules'), 'dir');
      const run = createSandboxedRunner({ sandbox, workspaceDir: workspace.dir, limits });
      const check = () => run({ cwd: workspace.dir, command: 'sh', args: ['-c', 'node_modules/.bin/hello-check'] });
      await chmod(shared, 0o711);
      const visible = await check();
      expect(visible.output).toContain('shared-install-visible');
      expect(visible.exitCode).toBe(0);
      await chmod(shared, 0o700);
      if (process.getuid?.() === 0)
        // As root each run has its own uid, which cannot traverse a private folder: said, not a failed check.
        await expect(check()).rejects.toThrow(/lies under a private folder the sandbox's user cannot traverse/);
      else expect((await check()).output).toContain('shared-install-visible');
    } finally {
      await disposeWorkspace({ workspace });
    }
  }, 60_000);
});
