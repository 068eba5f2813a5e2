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

export type ApprovalSignal = { userId: string; reason: string };
export type CancelSignal = { by: string; reason: string };

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
