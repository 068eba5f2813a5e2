// The end-to-end bench's arithmetic, kept pure so it is unit-tested: nearest-rank percentiles and the
// totals line (fix rate, MTTR p50/p95, runs per minute).

/** How one case ended: `ready` = a verified patch waiting for approval; otherwise the run's outcome. */
export type BenchCaseResult = {
  id: string;
  expect: 'fixed' | 'not-fixed';
  outcome: string;
  /** CI failure -> ready for approval; null when the run never got there. */
  mttrMs: number | null;
  /** Failure reported -> ready or finished (or the bench gave up). */
  elapsedMs: number;
  stages: Record<string, number>;
};

export type BenchTotals = {
  cases: number;
  ready: number;
  fixable: number;
  fixedOfFixable: number;
  asExpected: number;
  fixRate: number;
  mttrP50Ms: number | null;
  mttrP95Ms: number | null;
  runsPerMinute: number;
};

/** Nearest-rank percentile (p in 0..100) of unsorted values; null for none. */
export const percentile = (values: number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)]!;
};

/** A fixable case must end ready for approval; an unfixable one must never get a patch to approve. */
export const metExpectation = (result: Pick<BenchCaseResult, 'expect' | 'outcome'>): boolean =>
  result.expect === 'fixed' ? result.outcome === 'ready' : result.outcome !== 'ready';

export const summarizeBench = (options: { results: BenchCaseResult[]; wallMs: number }): BenchTotals => {
  const { results } = options;
  const fixable = results.filter((r) => r.expect === 'fixed');
  const fixedOfFixable = fixable.filter((r) => r.outcome === 'ready').length;
  const mttrs = fixable.flatMap((r) => (r.mttrMs === null ? [] : [r.mttrMs]));
  return {
    cases: results.length,
    ready: results.filter((r) => r.outcome === 'ready').length,
    fixable: fixable.length,
    fixedOfFixable,
    asExpected: results.filter(metExpectation).length,
    fixRate: fixable.length === 0 ? 0 : fixedOfFixable / fixable.length,
    mttrP50Ms: percentile(mttrs, 50),
    mttrP95Ms: percentile(mttrs, 95),
    runsPerMinute: options.wallMs <= 0 ? 0 : results.length / (options.wallMs / 60_000),
  };
};
