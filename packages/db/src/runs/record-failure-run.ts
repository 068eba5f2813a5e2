// The one write behind "a CI run failed, heal it": the failure event, its healing run and the run's
// audit record, in one transaction and idempotent (a redelivered failure finds the run it created).
// Shared by the dashboard's intake and the end-to-end bench so the two cannot drift apart.
import { appendAuditEvent, auditedTransaction } from '../audit/append-audit-event.ts';
import type { Database } from '../client.ts';
import type { HealingRun } from '../generated/prisma/client.ts';
import type { ActorType } from '../generated/prisma/enums.ts';

export type FailureRecord = {
  providerRunId: string;
  runAttempt: number;
  headSha: string;
  commitAuthorEmail?: string | null;
  branch: string | null;
  workflowName: string | null;
  workflowPath: string | null;
  jobName?: string | null;
  command?: string | null;
  conclusion: string;
  failedAt: Date;
  logArtifactId?: string | null;
  webhookDeliveryId?: string | null;
};

export type RecordFailureRunOptions = {
  db: Database;
  repository: { id: string; organizationId: string; fullName: string };
  failure: FailureRecord;
  workflowId: string;
  actorType: ActorType;
};

export const recordFailureRun = ({
  db,
  repository,
  failure,
  workflowId,
  actorType,
}: RecordFailureRunOptions): Promise<HealingRun> =>
  db.$transaction(async (tx) => {
    const event = await tx.failureEvent.upsert({
      where: {
        repositoryId_providerRunId_runAttempt: {
          repositoryId: repository.id,
          providerRunId: failure.providerRunId,
          runAttempt: failure.runAttempt,
        },
      },
      update: {},
      create: {
        repositoryId: repository.id,
        providerRunId: failure.providerRunId,
        runAttempt: failure.runAttempt,
        headSha: failure.headSha,
        commitAuthorEmail: failure.commitAuthorEmail ?? null,
        branch: failure.branch,
        workflowName: failure.workflowName,
        workflowPath: failure.workflowPath,
        jobName: failure.jobName ?? null,
        command: failure.command ?? null,
        conclusion: failure.conclusion,
        failedAt: failure.failedAt,
        logArtifactId: failure.logArtifactId ?? null,
        webhookDeliveryId: failure.webhookDeliveryId ?? null,
      },
    });
    const existing = await tx.healingRun.findUnique({ where: { workflowId } });
    if (existing) return existing;
    const created = await tx.healingRun.create({
      data: {
        failureEventId: event.id,
        repositoryId: repository.id,
        workflowId,
        failureCompletedAt: failure.failedAt,
      },
    });
    await appendAuditEvent({
      db: tx,
      inTransaction: true,
      event: {
        organizationId: repository.organizationId,
        actorType,
        actorId: null,
        action: 'run.created',
        subjectType: 'HealingRun',
        subjectId: created.id,
        data: {
          workflowId,
          repository: repository.fullName,
          runId: failure.providerRunId,
          attempt: failure.runAttempt,
          sha: failure.headSha,
        },
      },
    });
    return created;
  }, auditedTransaction);
