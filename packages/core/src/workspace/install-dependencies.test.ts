import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSandboxLimits } from '../execution/resolve-sandbox-limits.ts';
import type { Sandbox, SandboxRunRequest } from '../execution/sandbox-types.ts';
import { detectTooling } from './detect-tooling.ts';
import { installDependencies } from './install-dependencies.ts';
import { runCommand } from './run-command.ts';

const temp: string[] = [];
afterEach(async () => {
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

const must = async (cwd: string, command: string, args: string[]): Promise<void> => {
  const result = await runCommand({ cwd, command, args, timeoutMs: 120_000 });
  if (result.exitCode !== 0) throw new Error(`${command} ${args.join(' ')}: ${result.output}`);
};

/** A repository whose `npm ci` needs its own files: a local directory, a local tarball and a prepare script. */
const localProject = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-install-local-'));
  temp.push(dir);
  await mkdir(join(dir, 'vendor/local-lib'), { recursive: true });
  await mkdir(join(dir, 'scripts'));
  await mkdir(join(dir, 'packed'));
  await writeFile(join(dir, 'packed/package.json'), JSON.stringify({ name: 'packed', version: '1.0.0' }));
  await writeFile(join(dir, 'packed/index.js'), 'module.exports = "packed";\n');
  await must(join(dir, 'packed'), 'npm', ['pack', '--pack-destination', '../vendor', '--silent']);
  await rm(join(dir, 'packed'), { recursive: true });
  await writeFile(join(dir, 'vendor/local-lib/package.json'), JSON.stringify({ name: 'local-lib', version: '1.0.0' }));
  await writeFile(join(dir, 'vendor/local-lib/index.js'), 'module.exports = "local";\n');
  await writeFile(
    join(dir, 'scripts/prepare.mjs'),
    'import { writeFileSync } from "node:fs";\nwriteFileSync("node_modules/.prepared", "yes");\nconsole.log("prepare ran");\n',
  );
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'local-project',
      version: '1.0.0',
      scripts: { prepare: 'node scripts/prepare.mjs' },
      dependencies: { 'local-lib': 'file:vendor/local-lib', packed: 'file:vendor/packed-1.0.0.tgz' },
    }),
  );
  await must(dir, 'npm', ['install', '--package-lock-only', '--ignore-scripts', '--offline', '--no-audit', '--no-fund']);
  return dir;
};

/** Runs the install "sandbox" on the host, in place, as the real backends run installs (our own fixture only). */
const hostSandbox = (): Sandbox & { requests: SandboxRunRequest[] } => {
  const requests: SandboxRunRequest[] = [];
  return {
    backend: 'local',
    requests,
    run: async (request) => {
      requests.push(request);
      const result = await runCommand({ cwd: request.workspaceDir, command: 'sh', args: ['-c', request.command], timeoutMs: 120_000 });
      return {
        backend: 'local',
        command: request.command,
        exitCode: result.exitCode,
        signal: null,
        timedOut: result.timedOut,
        limitHit: null,
        startedAt: new Date(0).toISOString(),
        wallTimeMs: result.durationMs,
        resourceUsage: null,
        stdout: result.stdout,
        stderr: '',
        chunks: [{ atMs: 0, stream: 'stdout', text: result.output }],
        outputTruncated: false,
        files: [],
        egress: null,
      };
    },
  };
};

describe('installDependencies in the repository\'s own checkout', () => {
  it('installs local directory and tarball dependencies through the shared cache, linked to the workspace\'s own files', async () => {
    const dir = await localProject();
    const cacheDir = await mkdtemp(join(tmpdir(), 'suture-install-cache-'));
    temp.push(cacheDir);
    const report = await installDependencies({ dir, tooling: await detectTooling({ dir }), cacheDir });
    expect(await readFile(join(dir, 'node_modules/packed/index.js'), 'utf8')).toContain('packed');
    // The directory dependency resolves to the workspace's vendor folder, not to the cache's copy of it.
    expect(await realpath(join(dir, 'node_modules/local-lib')).catch(() => 'dangling')).toBe(
      await realpath(join(dir, 'vendor/local-lib')),
    );
    expect(report.method).toBe('copied-cache');
  }, 120_000);

  it("runs the repository's prepare script with its files in the install sandbox", async () => {
    const dir = await localProject();
    const cacheDir = await mkdtemp(join(tmpdir(), 'suture-install-cache-'));
    temp.push(cacheDir);
    const sandbox = hostSandbox();
    const report = await installDependencies({
      dir,
      tooling: await detectTooling({ dir }),
      cacheDir,
      isolation: { sandbox, egress: null, limits: resolveSandboxLimits() },
    });
    expect(report.method).toBe('copied-cache');
    expect(sandbox.requests.map((request) => request.command)).toEqual(['npm ci --no-audit --no-fund']);
    expect(existsSync(join(dir, 'node_modules/.prepared'))).toBe(true);
  }, 120_000);
});
