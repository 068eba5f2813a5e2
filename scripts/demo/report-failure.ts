// Reports a failure through the production intake, POST /api/ingest, as `suture ingest` does.
import { z } from 'zod';

const Started = z.object({ workflowId: z.string(), healingRunId: z.string(), started: z.boolean() });
export type ReportedFailure = z.infer<typeof Started>;

export const reportFailure = async (options: {
  dashboardUrl: string;
  apiToken: string;
  repoPath: string;
  log: string;
  command: string;
  jobName?: string;
  /** The CI run's id; unset, the intake derives one from the commit and the log. */
  runId?: string;
}): Promise<ReportedFailure> => {
  const response = await fetch(`${options.dashboardUrl}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiToken}` },
    body: JSON.stringify({
      repoPath: options.repoPath,
      log: options.log,
      command: options.command,
      ...(options.jobName ? { jobName: options.jobName } : {}),
      ...(options.runId ? { runId: options.runId } : {}),
    }),
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.text();
  if (!response.ok)
    throw new Error(`the intake refused the failure (${response.status}): ${body.slice(0, 500)}`);
  return Started.parse(JSON.parse(body));
};
