// The one path from "a CI run failed" to "a healing workflow runs", shared by GitHub webhooks and the
// local ingest API. Idempotent at every step: the failure, the run row and the workflow id are unique.
import 'server-only';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { healingWorkflowId, workflowNames, type SelfHealingInput } from '@suture/core';
import { appendAuditEvent, auditedTransaction, type Repository } from '@suture/db';
import { db } from '../db.ts';
import { webEnv } from '../env.ts';
import { temporalClient } from '../temporal.ts';

export type FailureReport = {
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

export type StartHealingResult = { healingRunId: string; workflowId: string; started: boolean };

export const startHealing = async ({
  repository,
  failure,
}: {
  repository: Repository;
  failure: FailureReport;
}): Promise<StartHealingResult> => {
  const workflowId = healingWorkflowId({
    provider: repository.provider,
    // GitHub names are unique and readable; local repositories are told apart by their id, not their folder name.
    repository: repository.provider === 'github' ? repository.fullName : repository.id,
    runId: failure.providerRunId,
    runAttempt: failure.runAttempt,
  });
  const run = await db().$transaction(async (tx) => {
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
        actorType: repository.provider === 'github' ? 'github' : 'system',
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
  const client = await temporalClient();
  try {
    const input: SelfHealingInput = { healingRunId: run.id };
    await client.workflow.start(workflowNames.selfHealing, {
      taskQueue: webEnv().SUTURE_TASK_QUEUE,
      workflowId,
      args: [input],
      // Never heal the same failure twice, even after the first workflow has closed.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { healingRunId: run.id, workflowId, started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError)
      return { healingRunId: run.id, workflowId, started: false };
    throw error;
  }
};
