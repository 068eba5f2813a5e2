// Small process and network helpers shared by the service managers.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { dirname, join } from 'node:path';

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

export const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

export const isPidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Polls `check` until it returns true or `timeoutMs` passes; returns whether it succeeded. */
export const waitFor = async (
  check: () => Promise<boolean>,
  timeoutMs: number,
  intervalMs = 250,
): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await sleep(intervalMs);
  }
  return false;
};

export const canConnect = (port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> =>
  new Promise((done) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
    socket.connect(port, host);
  });

export const isPortFree = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, host, () => server.close(() => done(true)));
  });

export const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });

export type CommandResult = { status: number; stdout: string; stderr: string };

/** Runs a command to completion (bounded by `timeoutMs`), capturing its output. */
export const run = (
  command: string,
  args: string[],
  options: SpawnSyncOptions & { timeoutMs?: number } = {},
): CommandResult => {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    ...options,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return { status: code === 'ENOENT' ? 127 : 1, stdout: '', stderr: result.error.message };
  }
  return {
    status: result.status ?? 1,
    stdout: String(result.stdout ?? ''),
    stderr: String(result.stderr ?? ''),
  };
};

export const which = (name: string): string | undefined => {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
};

/** Starts a long-running process detached from this one, its output appended to `logFile` (0600). */
export const spawnDetached = (
  command: string,
  args: string[],
  options: { logFile: string; cwd?: string; env?: NodeJS.ProcessEnv; umask?: number },
) => {
  mkdirSync(dirname(options.logFile), { recursive: true, mode: 0o700 });
  const out = openSync(options.logFile, 'a', 0o600);
  // Node cannot set a child's umask: a shell sets it and execs the command (same pid, so stopPid works).
  const [file, argv] =
    options.umask === undefined
      ? [command, args]
      : [
          '/bin/sh',
          ['-c', `umask ${options.umask.toString(8).padStart(3, '0')} && exec "$0" "$@"`, command, ...args],
        ];
  const child = spawn(file, argv, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  if (!child.pid) throw new Error(`could not start ${command}`);
  return child.pid;
};

export const stopPid = async (pid: number, timeoutMs = 10_000): Promise<void> => {
  if (!isPidAlive(pid)) return;
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    process.kill(pid, 'SIGTERM');
  }
  if (await waitFor(() => Promise.resolve(!isPidAlive(pid)), timeoutMs, 100)) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    if (isPidAlive(pid)) process.kill(pid, 'SIGKILL');
  }
};

export type ServiceState = {
  name: string;
  pid: number;
  port: number;
  startedAt: string;
  url: string;
  /** Temporal only: whether its Web UI is on. */
  ui?: boolean;
};

export const stateFile = (runDir: string, name: string) => join(runDir, `${name}.json`);

export const readState = (runDir: string, name: string): ServiceState | undefined => {
  try {
    return JSON.parse(readFileSync(stateFile(runDir, name), 'utf8')) as ServiceState;
  } catch {
    return undefined;
  }
};

export const writeState = (runDir: string, state: ServiceState) => {
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  writeFileSync(stateFile(runDir, state.name), JSON.stringify(state, null, 2), { mode: 0o600 });
};

export const clearState = (runDir: string, name: string) => rmSync(stateFile(runDir, name), { force: true });
