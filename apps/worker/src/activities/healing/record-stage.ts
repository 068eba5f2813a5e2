import { appendAuditEvent, auditedTransaction } from '@suture/db';
import { notifyObservers, type HealingDeps } from './deps.ts';
import type { StageUpdate } from './types.ts';

/** Persists a stage transition (timeline row + run pointer) and audits it, in one transaction. */
export const recordStage = async (deps: HealingDeps, update: StageUpdate) => {
  const now = new Date();
  await deps.db.$transaction(async (tx) => {
    const run = await tx.healingRun.findUniqueOrThrow({
      where: { id: update.healingRunId },
      include: { repository: { select: { organizationId: true } } },
    });
    if (update.status === 'running') {
      await tx.healingStage.upsert({
        where: { healingRunId_stage: { healingRunId: run.id, stage: update.stage } },
        // A retried stage restarts its clock: the timeline shows the attempt that counted.
        update: { status: 'running', startedAt: now, finishedAt: null, durationMs: null },
        create: { healingRunId: run.id, stage: update.stage, status: 'running', startedAt: now },
      });
      await tx.healingRun.update({
        where: { id: run.id },
        data: { stage: update.stage, status: update.stage === 'approval' ? 'waiting_approval' : 'running' },
      });
    } else {
      const stage = await tx.healingStage.findUnique({
        where: { healingRunId_stage: { healingRunId: run.id, stage: update.stage } },
      });
      const startedAt = stage?.startedAt ?? now;
      await tx.healingStage.upsert({
        where: { healingRunId_stage: { healingRunId: run.id, stage: update.stage } },
        update: {
          status: update.status,
          finishedAt: now,
          durationMs: now.getTime() - startedAt.getTime(),
          detail: update.detail ?? {},
        },
        create: {
          healingRunId: run.id,
          stage: update.stage,
          status: update.status,
          startedAt,
          finishedAt: now,
          durationMs: 0,
          detail: update.detail ?? {},
        },
      });
    }
    await appendAuditEvent({
      db: tx,
      inTransaction: true,
      event: {
        organizationId: run.repository.organizationId,
        actorType: 'worker',
        actorId: null,
        action: `run.stage.${update.status}`,
        subjectType: 'HealingRun',
        subjectId: run.id,
        data: { stage: update.stage, ...(update.detail ?? {}) },
      },
      now,
    });
  }, auditedTransaction);
  await notifyObservers(deps, (o) =>
    o.stageChanged({ healingRunId: update.healingRunId, stage: update.stage, status: update.status }),
  );
};
