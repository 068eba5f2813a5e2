// The contract between the workflow starters (web, CLI) and the worker: names and payload shapes only,
// so callers never import worker code.
export const DEFAULT_TASK_QUEUE = 'suture';

export const workflowNames = { ping: 'ping', selfHealing: 'selfHealing' } as const;

export type PingInput = { requestedBy: string };

export type PingResult = {
  requestedBy: string;
  database: { ok: true; serverVersion: string; latencyMs: number };
  workerIdentity: string;
};

export type PingWorkflow = (input: PingInput) => Promise<PingResult>;

// ---------------------------------------------------------------------------------------------------
// selfHealing
// ---------------------------------------------------------------------------------------------------

export type SelfHealingInput = { healingRunId: string };

export const healingStages = [
  'received',
  'context',
  'diagnose',
  'reproduce',
  'patch',
  'verify',
  'assess',
  'policy',
  'approval',
  'deliver',
  'done',
] as const;
export type HealingStageName = (typeof healingStages)[number];

// Signals carry references only: the worker reads who decided, why and when from the database
// (docs/security/approvals.md). Anyone who can reach Temporal can send a signal; nobody but the web app
// (or Suture itself) writes those rows.
/** `approve`/`reject`: the Approval row the web app wrote for this decision. */
export type ApprovalSignal = { approvalId: string };
/** `cancel`: the `run.cancel_requested` audit event (its `seq`, as a string) recorded before signalling. */
export type CancelSignal = { cancelRequestId: string };

export const selfHealingSignals = { approve: 'approve', reject: 'reject', cancel: 'cancel' } as const;
export const selfHealingQueries = { status: 'status' } as const;

export type HealingOutcome =
  | 'pr_opened'
  | 'branch_created'
  | 'flaky_infrastructure'
  | 'refused'
  | 'no_fix'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'error';

export type SelfHealingStatus = {
  healingRunId: string;
  stage: HealingStageName;
  status: 'running' | 'waiting_approval' | 'finished';
  outcome: HealingOutcome | null;
  stages: {
    stage: HealingStageName;
    startedAt: number;
    finishedAt: number | null;
    durationMs: number | null;
  }[];
};

export type SelfHealingResult = { outcome: HealingOutcome; detail: string };
