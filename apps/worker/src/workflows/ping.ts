import { proxyActivities } from '@temporalio/workflow';
import type { PingInput, PingResult } from '@suture/core/workflows/contracts';
import type { Activities } from '../activities/index.ts';

const { pingDatabase } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumAttempts: 3 },
});

/** Health probe through the whole path: client -> Temporal -> worker -> activity -> Postgres. */
export async function ping(input: PingInput): Promise<PingResult> {
  const { workerIdentity, ...database } = await pingDatabase();
  return { requestedBy: input.requestedBy, database, workerIdentity };
}
