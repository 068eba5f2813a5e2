// The contract between the workflow starters (web, CLI) and the worker: names and payload shapes only,
// so callers never import worker code.
export const DEFAULT_TASK_QUEUE = 'suture';

export const workflowNames = { ping: 'ping' } as const;

export type PingInput = { requestedBy: string };

export type PingResult = {
  requestedBy: string;
  database: { ok: true; serverVersion: string; latencyMs: number };
  workerIdentity: string;
};

export type PingWorkflow = (input: PingInput) => Promise<PingResult>;
