import { appendAuditEvent, auditedTransaction } from '@suture/db';
import type { RunStatus } from '@suture/db';
import { notifyObservers, type HealingDeps } from './deps.ts';
import type { FinishUpdate } from './types.ts';

const statusFor: Record<FinishUpdate['outcome'], RunStatus> = {
  pr_opened: 'succeeded',
  branch_created: 'succeeded',
  flaky_infrastructure: 'succeeded',
  refused: 'failed',
  no_fix: 'failed',
  rejected: 'rejected',
  expired: 'expired',
  cancelled: 'cancelled',
  error: 'failed',
};

/** Records how the run ended; idempotent, so a retried activity cannot move the MTTR clock. */
export const finishRun = async (deps: HealingDeps, update: FinishUpdate) => {
  const now = new Date();
  await deps.db.$transaction(async (tx) => {
    const run = await tx.healingRun.findUniqueOrThrow({
      where: { id: update.healingRunId },
      include: { repository: { select: { organizationId: true } } },
    });
    if (run.outcome) return;
    const delivered = update.outcome === 'pr_opened' || update.outcome === 'branch_created';
    const deliveredAt = delivered ? (run.deliveredAt ?? now) : null;
    await tx.healingRun.update({
      where: { id: run.id },
      data: {
        outcome: update.outcome,
        status: statusFor[update.outcome],
        stage: 'done',
        finishedAt: now,
        errorMessage: update.outcome === 'error' ? update.detail.slice(0, 2000) : null,
        ...(deliveredAt
          ? { deliveredAt, mttrDeliveredMs: deliveredAt.getTime() - run.failureCompletedAt.getTime() }
          : {}),
      },
    });
    await appendAuditEvent({
      db: tx,
      inTransaction: true,
      event: {
        organizationId: run.repository.organizationId,
        actorType: 'worker',
        actorId: null,
        action: 'run.finished',
        subjectType: 'HealingRun',
        subjectId: run.id,
        data: { outcome: update.outcome, detail: update.detail.slice(0, 2000) },
      },
      now,
    });
  }, auditedTransaction);
  await notifyObservers(deps, (o) =>
    o.finished({ healingRunId: update.healingRunId, outcome: update.outcome, detail: update.detail }),
  );
};
