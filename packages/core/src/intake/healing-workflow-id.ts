/**
 * Deterministic workflow id for one failed run attempt: starting the same failure twice (a webhook
 * redelivery, a replayed dead letter) hits Temporal's id uniqueness instead of healing twice.
 */
export const healingWorkflowId = ({
  provider,
  repository,
  runId,
  runAttempt,
}: {
  provider: 'github' | 'local';
  repository: string;
  runId: string;
  runAttempt: number;
}): string => `heal:${provider}:${repository}:${runId}:${runAttempt}`;
