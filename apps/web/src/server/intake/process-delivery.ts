// Acts on a recorded, verified delivery. Failures here never lose the delivery: it becomes a dead letter
// with its error, listed and replayable through the API.
import 'server-only';
import { AppError, classifyGitHubEvent, isAppError } from '@suture/core';
import { db } from '../db.ts';
import { webEnv } from '../env.ts';
import {
  disableInstallation,
  ensureGitHubRepository,
  registerInstallationRepositories,
} from './register-repositories.ts';
import { startHealing } from './start-healing.ts';

export type DeliveryOutcome = {
  status: 'processed' | 'ignored' | 'dead_letter' | 'failed';
  detail: string;
  healingRunId?: string;
  workflowId?: string;
};

const act = async (delivery: {
  id: string;
  event: string;
  payload: unknown;
  receivedAt: Date;
}): Promise<DeliveryOutcome> => {
  const action = classifyGitHubEvent({
    event: delivery.event,
    payload: delivery.payload,
    ownAppSlug: webEnv().GITHUB_APP_SLUG,
    receivedAt: delivery.receivedAt,
  });
  switch (action.kind) {
    case 'ping':
      return { status: 'processed', detail: 'pong' };
    case 'ignore':
      return { status: 'ignored', detail: action.reason };
    case 'register': {
      const { added, removed } = await registerInstallationRepositories(action);
      return { status: 'processed', detail: `registered ${added}, disabled ${removed} repositories` };
    }
    case 'unregister_installation': {
      const { count } = await disableInstallation(action.installationId);
      return { status: 'processed', detail: `disabled ${count} repositories` };
    }
    case 'heal': {
      const repository = await ensureGitHubRepository(action.failure.repository);
      if (!repository.enabled)
        return { status: 'ignored', detail: `repository ${repository.fullName} is disabled` };
      const { failure } = action;
      const started = await startHealing({
        repository,
        failure: {
          providerRunId: failure.runId,
          runAttempt: failure.runAttempt,
          headSha: failure.headSha,
          commitAuthorEmail: failure.commitAuthorEmail,
          branch: failure.branch,
          workflowName: failure.workflowName,
          workflowPath: failure.workflowPath,
          conclusion: failure.conclusion,
          failedAt: failure.failedAt,
          webhookDeliveryId: delivery.id,
        },
      });
      return {
        status: 'processed',
        detail: started.started ? 'healing started' : 'healing already running',
        healingRunId: started.healingRunId,
        workflowId: started.workflowId,
      };
    }
  }
};

export const processDelivery = async (deliveryId: string): Promise<DeliveryOutcome> => {
  const delivery = await db().webhookDelivery.findUnique({ where: { deliveryId } });
  if (!delivery) throw new AppError('NOT_FOUND', `no delivery ${deliveryId}`);
  let outcome: DeliveryOutcome;
  try {
    outcome = await act(delivery);
  } catch (error) {
    // A malformed payload will not get better by replaying it; anything else (database, Temporal) might.
    const permanent = isAppError(error) && error.code === 'BAD_INPUT';
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    outcome = { status: permanent ? 'failed' : 'dead_letter', detail: message };
  }
  await db().webhookDelivery.update({
    where: { id: delivery.id },
    data: {
      status: outcome.status,
      error: outcome.status === 'dead_letter' || outcome.status === 'failed' ? outcome.detail : null,
      attempts: { increment: 1 },
      processedAt: new Date(),
    },
  });
  return outcome;
};
