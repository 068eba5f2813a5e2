// The one path from "a CI run failed" to "a healing workflow runs", shared by GitHub webhooks and the
// local ingest API. Idempotent at every step: the failure, the run row and the workflow id are unique.
import 'server-only';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { healingWorkflowId, workflowNames, type SelfHealingInput } from '@suture/core';
import { recordFailureRun, type FailureRecord, type Repository } from '@suture/db';
import { db } from '../db.ts';
import { webEnv } from '../env.ts';
import { temporalClient } from '../temporal.ts';

export type FailureReport = FailureRecord;

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
  const run = await recordFailureRun({
    db: db(),
    repository,
    failure,
    workflowId,
    actorType: repository.provider === 'github' ? 'github' : 'system',
  });
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
