import type { TestOutcome } from '../execution/test-result-types.ts';

export type CommitVerdict = 'pass' | 'fail' | 'flaky' | 'timeout';
export type PatchVerdict = 'fixed' | 'still_failing' | 'flaky' | 'not_reproduced';

export type TestObservation = {
  runIndex: number;
  outcome: Exclude<TestOutcome, 'skip'>;
  signature: string | null;
  durationMs: number | null;
  failureMessage: string | null;
};

export type TestStats = {
  name: string;
  file: string | null;
  verdict: CommitVerdict;
  runs: number;
  failures: number;
  timeouts: number;
  failureRate: number;
  interval: [number, number];
  signatures: string[];
  /** "0/10 failures: failure rate below 28% at 95% (Wilson)". */
  summary: string;
  /** Why it failed when we can tell (network blocked, limits). */
  explanation: string | null;
  lastFailureMessage: string | null;
};
