// Shapes passed between the selfHealing workflow and its activities. Kept small: logs, diffs and traces
// live in Postgres (Artifact rows), never in workflow history.
import type { HealingOutcome, HealingStageName } from '@suture/core/workflows/contracts';

export type RunRef = { healingRunId: string };

export type ContextResult = {
  provider: 'github' | 'local';
  repository: string;
  headSha: string;
  hasLog: boolean;
  testRuns: number;
};

export type DiagnoseResult = {
  category: string;
  confidence: number;
  summary: string;
  flakySuspect: boolean;
};

export type ReproduceResult = {
  /** fail: the failure reproduces; flaky: mixed outcomes; not_reproduced: passes here (environment/infra). */
  verdict: 'fail' | 'flaky' | 'not_reproduced' | 'timeout' | 'skipped';
  detail: string;
};

export type PatchResult = {
  outcome: 'fixed' | 'refused' | 'failed';
  attempts: number;
  detail: string;
};

export type VerifyResult = {
  verdict: 'fixed' | 'still_failing' | 'flaky' | 'skipped';
  detail: string;
};

export type AssessResult = { riskScore: number; blockingFindings: number; findings: number };

export type PolicyResult = {
  decision: 'reject' | 'needs_approval' | 'auto_open';
  reason: string;
  approvalTimeoutMs: number;
};

export type DeliverResult = { kind: 'pull_request' | 'branch'; branch: string; url: string | null };

export type StageUpdate = RunRef & {
  stage: HealingStageName;
  status: 'running' | 'succeeded' | 'failed' | 'skipped';
  detail?: Record<string, string | number | boolean | null>;
};

export type FinishUpdate = RunRef & { outcome: HealingOutcome; detail: string };
