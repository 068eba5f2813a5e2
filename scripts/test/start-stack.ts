// Runs the real `npm start` (scripts/bootstrap.mjs start) for a test: its own data folder, its own free
// ports, its own Postgres cluster and Temporal dev server. Finds the stack's processes through /proc (by
// their SUTURE_DATA_DIR), so a test can kill them as a crash would.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { repoRoot } from '../stack/config.ts';
import { freePort } from '../stack/process-utils.ts';

export type StackPorts = { web: number; oidc: number; pg: number; temporal: number; temporalUi: number };

export type StartedStack = {
  dataDir: string;
  url: string;
  apiToken: string;
  ports: StackPorts;
  databaseUrl: () => string;
  output: () => string;
  /** Waits (bounded) for a line matching `pattern` in the stack's output after `from` characters. */
  waitForLine: (pattern: RegExp, timeoutMs: number, from?: number) => Promise<RegExpExecArray>;
  /** The group leader's pid of the stack's worker or dashboard process, from /proc. */
  pidOf: (kind: 'worker' | 'web') => number | undefined;
  /** SIGTERM, as Ctrl-C would; resolves with the exit code (null: it had to be killed). */
  stop: () => Promise<number | null>;
  /** Whatever is left (services of a stack that died): `npm run stop`, then the temp folder. */
  cleanUp: () => Promise<void>;
};

const readProc = (pid: string, file: string) => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'latin1');
  } catch {
    return '';
  }
};

/** Leaders (pid = process group id) whose environment names this stack's data folder. */
const findLeader = (dataDir: string, matches: (cmdline: string) => boolean) =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .find((pid) => {
      const stat = readProc(pid, 'stat');
      const pgrp = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2];
      return (
        pgrp === pid &&
        readProc(pid, 'environ').split('\0').includes(`SUTURE_DATA_DIR=${dataDir}`) &&
        matches(readProc(pid, 'cmdline').replaceAll('\0', ' '))
      );
    });

export const startStack = async (options: { args: string[] }): Promise<StartedStack> => {
  // The `postgres` user must pass through to its cluster under <dataDir>/postgres (mkdtemp makes 0700).
  const base = mkdtempSync(join(tmpdir(), 'suture-stack-'));
  chmodSync(base, 0o711);
  const dataDir = join(base, 'data');
  mkdirSync(dataDir);
  // The Temporal CLI and sandbox toolchains are large and shared: the checkout's own tools folder.
  symlinkSync(join(repoRoot, '.data', 'tools'), join(dataDir, 'tools'));
  const ports: StackPorts = {
    web: await freePort(),
    oidc: await freePort(),
    pg: await freePort(),
    temporal: await freePort(),
    temporalUi: await freePort(),
  };
  const apiToken = randomBytes(24).toString('base64url');
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The stack starts its own services: nothing of the environment's test services or sign-in.
  for (const name of [
    'DATABASE_URL',
    'TEMPORAL_ADDRESS',
    'OIDC_ISSUER',
    'SUTURE_TASK_QUEUE',
    'SUTURE_LOCAL_REPO_ROOTS',
  ])
    delete env[name];
  Object.assign(env, {
    SUTURE_DATA_DIR: dataDir,
    PORT: String(ports.web),
    SUTURE_OIDC_PORT: String(ports.oidc),
    SUTURE_PG_PORT: String(ports.pg),
    SUTURE_TEMPORAL_PORT: String(ports.temporal),
    SUTURE_TEMPORAL_UI_PORT: String(ports.temporalUi),
    SUTURE_API_TOKEN: apiToken,
    SUTURE_TEST_RUNS: '1',
  });
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [join(repoRoot, 'scripts/bootstrap.mjs'), 'start', ...options.args],
    { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

  const waitForLine = async (pattern: RegExp, timeoutMs: number, from = 0) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const match = pattern.exec(output.slice(from));
      if (match) return match;
      if (child.exitCode !== null) break;
      await sleep(200);
    }
    throw new Error(`no line matching ${pattern} within ${timeoutMs} ms; output:\n${output.slice(-6000)}`);
  };
  const stop = async () => {
    if (child.exitCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const code = await Promise.race([exited, sleep(60_000).then(() => 'timeout' as const)]);
    if (code !== 'timeout') return code;
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
    return null;
  };
  return {
    dataDir,
    url: `http://127.0.0.1:${ports.web}`,
    apiToken,
    ports,
    databaseUrl: () => {
      const password = readFileSync(join(dataDir, 'secrets', 'postgres-password'), 'utf8').trim();
      return `postgresql://suture:${encodeURIComponent(password)}@127.0.0.1:${ports.pg}/suture`;
    },
    output: () => output,
    waitForLine,
    pidOf: (kind) => {
      const pid = findLeader(dataDir, (cmdline) =>
        kind === 'worker'
          ? cmdline.includes('apps/worker/src/main.ts')
          : /next(-server| start)/.test(cmdline),
      );
      return pid ? Number(pid) : undefined;
    },
    stop,
    cleanUp: async () => {
      await stop();
      await new Promise<void>((done) => {
        const stopper = spawn(process.execPath, [join(repoRoot, 'scripts/bootstrap.mjs'), 'stop'], {
          cwd: repoRoot,
          env,
          stdio: 'ignore',
        });
        stopper.once('exit', () => done());
        stopper.once('error', () => done());
      });
      rmSync(base, { recursive: true, force: true });
    },
  };
};
