// Stops a service started by spawnService: SIGTERM to its process group, SIGKILL once the grace period
// is over. A live pid is only signalled while its environment carries this stack's SUTURE_E2E_STACK, so
// a pid the kernel has since given to another process (a stale state file) is left alone.
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export type StopProcessGroupOptions = { pid: number; stackId: string; graceMs?: number };

const alive = (target: number) => {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const belongsToStack = (pid: number, stackId: string) => {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`SUTURE_E2E_STACK=${stackId}`);
  } catch {
    return false;
  }
};

const signalGroup = (pid: number, signal: NodeJS.Signals) => {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
};

/** Resolves once the group is gone; returns false when nothing of this stack was running under pid. */
export const stopProcessGroup = async ({ pid, stackId, graceMs = 10_000 }: StopProcessGroupOptions) => {
  // A dead leader with a live group: Linux does not reuse a pid while a group of that id has members, so
  // the group is what is left of ours (a sandbox's scrubbed environment could not be checked anyway).
  const ours = alive(pid) ? belongsToStack(pid, stackId) : alive(-pid);
  if (!ours) return false;
  signalGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (alive(-pid) && Date.now() < deadline) await sleep(100);
  if (alive(-pid)) signalGroup(pid, 'SIGKILL');
  while (alive(-pid) && Date.now() < deadline + 5_000) await sleep(100);
  return true;
};
