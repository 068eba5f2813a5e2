import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../../test/fixtures/execution/copy-fixture.ts';
import { startCountingServer, type CountingServer } from '../../test/fixtures/execution/start-counting-server.ts';
import { collectTestResults } from './collect-test-results.ts';
import { createLocalSandbox } from './create-local-sandbox.ts';
import { explainTestFailure } from './explain-test-failure.ts';
import { resolveSandboxLimits } from './resolve-sandbox-limits.ts';
import type { Sandbox } from './sandbox-types.ts';

const searchPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const isRoot = process.getuid?.() === 0;
const baseUid = 300_000 + (process.pid % 1000) * 64;
const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 15_000, memoryBytes: 1024 ** 3, processes: 128 } });
const nodeTest = 'node --test --test-reporter=tap';

let sandbox: Sandbox;
let server: CountingServer;
const cleanup: string[] = [];

beforeAll(async () => {
  sandbox = await createLocalSandbox({ searchPath, isRoot, currentUid: process.getuid?.() ?? 0, baseUid });
  server = await startCountingServer();
});
afterAll(async () => {
  await server.close();
  for (const path of cleanup) await rm(path, { recursive: true, force: true });
});

/** Processes still owned by this suite's sandbox uids (root only: otherwise runs use our own uid). */
const leftoverProcesses = (): number =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
        return uid >= baseUid && uid < baseUid + 64 && !/^State:\s+Z/m.test(status);
      } catch {
        return false;
      }
    }).length;

const waitForNoLeftovers = async (): Promise<number> => {
  for (let i = 0; i < 40 && leftoverProcesses() > 0; i += 1) await sleep(50);
  return leftoverProcesses();
};

describe('local sandbox (bubblewrap)', () => {
  it('blocks escapes: host writes, host HOME secrets, the host loopback, and keeps the original checkout untouched', async () => {
    const hostDir = await mkdtemp(join(tmpdir(), 'suture-escape-host-'));
    const secretFile = join(homedir(), `.suture-canary-${randomUUID()}`);
    await writeFile(secretFile, 'top secret');
    cleanup.push(hostDir, secretFile);
    const repo = await copyFixture({ name: 'escape', config: {} });
    cleanup.push(repo);
    const config = { port: server.port, hostFile: join(hostDir, 'pwned'), originalRepoFile: join(repo, 'pwned'), secretFile, secretEnvName: 'SUTURE_CANARY' };
    await writeFile(join(repo, 'fixture-config.json'), JSON.stringify(config));
    const before = server.connections();
    const result = await sandbox.run({ workspaceDir: repo, command: nodeTest, limits });
    const { tests } = collectTestResults({ files: result.files, stdout: result.stdout, stderr: result.stderr });
    expect(tests.map((test) => [test.name, test.outcome])).toEqual([
      ['cannot write to system directories', 'pass'],
      ['cannot write into the original checkout or a host directory', 'pass'],
      ['cannot read secrets from the host home', 'pass'],
      ['cannot reach a service on the host loopback', 'pass'],
    ]);
    expect(result.stdout).toContain('write /etc/suture-escape: EROFS');
    expect(result.stdout).toContain(`read ${secretFile}: ENOENT`);
    expect(result.stdout).toContain(`connect 127.0.0.1:${server.port}: ECONNREFUSED`);
    expect(existsSync(config.hostFile)).toBe(false);
    expect(existsSync(config.originalRepoFile)).toBe(false);
    expect(existsSync('/tmp/probe')).toBe(false);
    expect(server.connections()).toBe(before);
  });

  it('runs with a scrubbed, fixed environment and reports CPU usage', async () => {
    const result = await sandbox.run({
      workspaceDir: await mkdtemp(join(tmpdir(), 'suture-env-')),
      command: 'env | sort; node -e "let s = 0; for (let i = 0; i < 5e7; i++) s += i"',
      limits,
    });
    const env = Object.fromEntries(result.stdout.trim().split('\n').map((line): [string, string] => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
    expect(env).toMatchObject({ HOME: '/home/sandbox', TZ: 'UTC', LANG: 'C.UTF-8', CI: 'true', PWD: '/workspace' });
    expect(Object.keys(env).filter((key) => key.startsWith('VITEST') || key === 'NODE_OPTIONS' || key === 'SSH_AUTH_SOCK')).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.resourceUsage?.cpuUserMs).toBeGreaterThan(0);
  });

  it('has no network, and refuses a registry-access run without an egress forwarder instead of sharing the host network', async () => {
    const before = server.connections();
    const probe = `node -e "require('net').connect(${server.port}, '127.0.0.1').on('connect', () => process.exit(0)).on('error', (e) => { console.log(e.code); process.exit(1); })"`;
    const offline = await sandbox.run({ workspaceDir: await mkdtemp(join(tmpdir(), 'suture-net-')), command: probe, limits });
    expect(offline.exitCode).toBe(1);
    expect(offline.stdout.trim()).toBe('ECONNREFUSED');
    expect(offline.egress).toBeNull();
    const asked = sandbox.run({ workspaceDir: await mkdtemp(join(tmpdir(), 'suture-net-')), command: probe, egress: { policy: { rules: [{ host: 'registry.npmjs.org', port: 443 }] } }, limits });
    await expect(asked).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(server.connections()).toBe(before);
  });

  it('kills a run at its wall-time limit with everything it started', async () => {
    const result = await sandbox.run({
      workspaceDir: await mkdtemp(join(tmpdir(), 'suture-wall-')),
      command: 'sleep 60 & sleep 60 & echo waiting; wait',
      limits: { ...limits, wallTimeMs: 1000 },
    });
    expect(result).toMatchObject({ timedOut: true, limitHit: 'wall-time', signal: 'SIGKILL', exitCode: null });
    expect(result.stdout).toBe('waiting\n');
    if (isRoot) expect(await waitForNoLeftovers()).toBe(0);
  });

  it('stops CPU hogs at the CPU-time limit', async () => {
    const result = await sandbox.run({ workspaceDir: await mkdtemp(join(tmpdir(), 'suture-cpu-')), command: 'node -e "for (;;) {}"', limits: { ...limits, cpuSeconds: 1 } });
    // RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL at the hard one (equal here); either way not our wall-time kill.
    expect(result.timedOut).toBe(false);
    expect(['SIGXCPU', 'SIGKILL']).toContain(result.signal);
    expect(result.wallTimeMs).toBeLessThan(limits.wallTimeMs);
  });

  it('contains a fork bomb: the process limit stops it, and nothing survives the run', async () => {
    const repo = await copyFixture({ name: 'fork-bomb' });
    cleanup.push(repo);
    const result = await sandbox.run({ workspaceDir: repo, command: nodeTest, limits });
    const { tests } = collectTestResults({ files: [], stdout: result.stdout, stderr: result.stderr });
    expect(tests.map((test) => [test.name, test.outcome])).toEqual([['is stopped by the process limit when forking without bound', 'pass']]);
    expect(result.stdout).toContain('spawn while the bomb runs: EAGAIN');
    expect(result.timedOut).toBe(false);
    if (isRoot) expect(await waitForNoLeftovers()).toBe(0);
  });

  it('contains a memory hog at the memory limit', async () => {
    const repo = await copyFixture({ name: 'memory-hog' });
    cleanup.push(repo);
    const result = await sandbox.run({ workspaceDir: repo, command: nodeTest, limits });
    const [test] = collectTestResults({ files: [], stdout: result.stdout, stderr: result.stderr }).tests;
    expect(test).toMatchObject({ name: 'allocates 4 GiB', outcome: 'fail' });
    expect(test?.failureMessage).toContain('Array buffer allocation failed');
    expect(explainTestFailure({ message: test?.failureMessage ?? null, network: false, limits })).toBe('hit the memory limit (1024 MiB of data segment)');
  });

  it('names the missing package when bubblewrap is not installed', async () => {
    const error: unknown = await createLocalSandbox({ searchPath: '/nonexistent', isRoot, currentUid: 0 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', details: { package: 'bubblewrap' } });
    expect(error instanceof Error ? error.message : '').toContain('Install the "bubblewrap" package');
  });
});
