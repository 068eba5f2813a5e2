// A supervised child process (the worker, the dashboard): its own process group, its output prefixed with
// its name. When its leader exits, whatever it left in its group is killed too, so a restart never finds
// the port or the task queue still held by an orphan.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Unit, UnitExit, UnitHandle } from './supervisor.ts';

const groupAlive = (pid: number) => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const signalGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
};

const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WritableStream, prefix: string) =>
  stream?.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) out.write(`${prefix}${line}\n`);
  });

export type ChildUnitOptions = {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** How long SIGTERM may take before SIGKILL. */
  graceMs?: number;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
};

export const childUnit = (options: ChildUnitOptions): Unit => ({
  name: options.name,
  start: (): Promise<UnitHandle> => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const prefix = `[${options.name}] `;
    forward(child.stdout, options.stdout ?? process.stdout, prefix);
    forward(child.stderr, options.stderr ?? process.stderr, prefix);
    const exited = new Promise<UnitExit>((resolve) => {
      child.once('error', (error) =>
        resolve({ code: 127, signal: null, detail: `could not be started: ${error.message}` }),
      );
      child.once('exit', (code, signal) => {
        if (child.pid) signalGroup(child.pid, 'SIGKILL');
        resolve({ code, signal });
      });
    });
    const stop = async () => {
      const pid = child.pid;
      if (!pid) return;
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + (options.graceMs ?? 10_000);
      while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
      signalGroup(pid, 'SIGKILL');
      await Promise.race([exited, sleep(5_000)]);
    };
    return Promise.resolve({ pid: child.pid, exited, stop });
  },
});
