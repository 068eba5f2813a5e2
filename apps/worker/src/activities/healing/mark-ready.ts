import type { HealingDeps } from './deps.ts';
import type { RunRef } from './types.ts';

/** The first MTTR milestone: a verified patch is ready (for approval, or to open by policy). */
export const markReady = async (deps: HealingDeps, input: RunRef & { waitingForApproval: boolean }) => {
  const run = await deps.db.healingRun.findUniqueOrThrow({ where: { id: input.healingRunId } });
  const now = run.readyForApprovalAt ?? new Date();
  await deps.db.healingRun.update({
    where: { id: run.id },
    data: {
      readyForApprovalAt: now,
      mttrReadyMs: Math.max(0, now.getTime() - run.failureCompletedAt.getTime()),
      ...(input.waitingForApproval ? { status: 'waiting_approval', stage: 'approval' } : {}),
    },
  });
};
