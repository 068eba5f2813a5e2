import { rm } from 'node:fs/promises';
import type { HealingDeps } from './deps.ts';
import { runDir } from './checkout.ts';
import type { RunRef } from './types.ts';

/** Always runs at the end (success, failure, cancellation): workspaces never pile up on the worker. */
export const cleanupRun = async (deps: HealingDeps, input: RunRef) => {
  await rm(runDir(deps, input.healingRunId), { recursive: true, force: true });
};
