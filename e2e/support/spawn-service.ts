// Starts one long-running service of the e2e stack as a detached process-group leader with its output in
// a log file. Detached, so the teardown can kill the whole group (next start, tsx and sandboxes fork), and
// so a crashed runner leaves something the next setup can find (by pid and SUTURE_E2E_STACK) and stop.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir, type StackProcess } from './stack-state.ts';

export type SpawnServiceOptions = {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stackId: string;
};

export const spawnService = ({
  name,
  command,
  args,
  cwd,
  env,
  stackId,
}: SpawnServiceOptions): StackProcess => {
  const logDir = join(stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const out = openSync(logFile, 'w');
  try {
    const child = spawn(command, args, {
      cwd,
      env: { ...env, SUTURE_E2E_STACK: stackId },
      stdio: ['ignore', out, out],
      detached: true,
    });
    // A failed spawn also emits 'error' later; the missing pid below already reports it.
    child.once('error', () => {});
    if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
    // Nobody waits on it here: the teardown stops it by process group.
    child.unref();
    return { name, pid: child.pid, logFile };
  } finally {
    closeSync(out);
  }
};
