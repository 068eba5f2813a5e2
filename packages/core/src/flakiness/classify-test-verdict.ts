import { computeWilsonInterval } from './compute-wilson-interval.ts';
import { describeFailureRate } from './describe-failure-rate.ts';
import type { CommitVerdict, TestObservation, TestStats } from './flakiness-types.ts';

export type ClassifyTestVerdictOptions = {
  name: string;
  file: string | null;
  observations: TestObservation[];
  confidence?: number;
  explanation?: string | null;
};

/**
 * One commit's verdict for one test. Mixed outcomes, or failures that are not the same failure (different
 * signatures), are flaky; a test that only ever timed out is `timeout`. Timeouts count as failures for the rate.
 */
export const classifyTestVerdict = (options: ClassifyTestVerdictOptions): TestStats => {
  const { observations } = options;
  const runs = observations.length;
  const failed = observations.filter((o) => o.outcome === 'fail');
  const timeouts = observations.filter((o) => o.outcome === 'timeout').length;
  const failures = failed.length + timeouts;
  const signatures = [...new Set(failed.map((o) => o.signature ?? ''))];
  const verdict: CommitVerdict =
    failures === 0 ? 'pass'
    : failures < runs ? 'flaky'
    : timeouts === runs ? 'timeout'
    : timeouts > 0 || signatures.length > 1 ? 'flaky'
    : 'fail';
  const confidence = options.confidence ?? 0.95;
  const interval = computeWilsonInterval({ failures, runs, confidence });
  const last = [...observations].reverse().find((o) => o.failureMessage);
  return {
    name: options.name,
    file: options.file,
    verdict,
    runs,
    failures,
    timeouts,
    failureRate: runs === 0 ? 0 : failures / runs,
    interval,
    signatures: signatures.filter(Boolean),
    summary: describeFailureRate({ failures, runs, interval, confidence }),
    explanation: options.explanation ?? null,
    lastFailureMessage: last?.failureMessage ?? null,
  };
};
