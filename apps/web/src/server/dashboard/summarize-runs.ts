// Overview statistics from plain run records: pure, so every definition below is unit-tested.
// Definitions (also shown on the page):
// - fixed: the run delivered a patch (PR opened or branch created);
// - MTTR: failure completed -> patch ready for approval (mttrReadyMs), p50/p95 by nearest rank;
// - diagnosis accuracy: correct / (correct + incorrect) among diagnoses a reviewer marked;
// - patch success: runs whose patch was proven (ready for approval) / runs that attempted a patch;
// - flaky: diagnosed as a flaky suspect or ended as flaky infrastructure; real: every other diagnosed run.

export type RunRecord = {
  createdAt: Date;
  status: string;
  outcome: string | null;
  mttrReadyMs: number | null;
  readyForApproval: boolean;
  attemptedPatch: boolean;
  diagnosed: boolean;
  flaky: boolean;
  feedback: 'correct' | 'incorrect' | null;
};

export type OutcomeKey = 'fixed' | 'waiting' | 'in_progress' | 'flaky' | 'refused' | 'rejected' | 'failed';

export type DayPoint = {
  day: string;
  runs: number;
  mttrP50Ms: number | null;
  mttrP95Ms: number | null;
  accuracy: number | null;
  patchSuccessRate: number | null;
  flakyFailures: number;
  realFailures: number;
} & Record<OutcomeKey, number>;

export type RunSummary = {
  totals: {
    runs: number;
    fixed: number;
    waiting: number;
    mttrP50Ms: number | null;
    mttrP95Ms: number | null;
    accuracy: number | null;
    reviewedDiagnoses: number;
    patchSuccessRate: number | null;
    attemptedPatches: number;
    flakyFailures: number;
    realFailures: number;
  };
  days: DayPoint[];
};

/** Nearest-rank percentile of unsorted values; null for none. */
export const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
};

export const outcomeOf = (run: Pick<RunRecord, 'status' | 'outcome'>): OutcomeKey => {
  switch (run.outcome) {
    case 'pr_opened':
    case 'branch_created':
      return 'fixed';
    case 'flaky_infrastructure':
      return 'flaky';
    case 'refused':
    case 'no_fix':
      return 'refused';
    case 'rejected':
    case 'expired':
    case 'cancelled':
      return 'rejected';
    case 'error':
      return 'failed';
    default:
      return run.status === 'waiting_approval' ? 'waiting' : 'in_progress';
  }
};

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

const summarizeGroup = (runs: readonly RunRecord[]) => {
  const mttrs = runs.flatMap((r) => (r.mttrReadyMs === null ? [] : [r.mttrReadyMs]));
  const reviewed = runs.filter((r) => r.feedback !== null);
  const attempted = runs.filter((r) => r.attemptedPatch);
  const diagnosed = runs.filter((r) => r.diagnosed || r.outcome === 'flaky_infrastructure');
  const flaky = diagnosed.filter((r) => r.flaky || r.outcome === 'flaky_infrastructure').length;
  return {
    mttrP50Ms: percentile(mttrs, 50),
    mttrP95Ms: percentile(mttrs, 95),
    accuracy: ratio(reviewed.filter((r) => r.feedback === 'correct').length, reviewed.length),
    reviewedDiagnoses: reviewed.length,
    patchSuccessRate: ratio(attempted.filter((r) => r.readyForApproval).length, attempted.length),
    attemptedPatches: attempted.length,
    flakyFailures: flaky,
    realFailures: diagnosed.length - flaky,
  };
};

const dayKey = (date: Date) => date.toISOString().slice(0, 10);

export const summarizeRuns = ({
  runs,
  from,
  to,
}: {
  runs: readonly RunRecord[];
  from: Date;
  to: Date;
}): RunSummary => {
  const byDay = new Map<string, RunRecord[]>();
  // Every day of the period gets a point, so charts show quiet days as zero rather than skipping them.
  for (let t = Date.parse(dayKey(from)); t <= to.getTime(); t += 86_400_000)
    byDay.set(dayKey(new Date(t)), []);
  for (const run of runs) byDay.get(dayKey(run.createdAt))?.push(run);
  const days = [...byDay.entries()].map(([day, group]): DayPoint => {
    const counts: Record<OutcomeKey, number> = {
      fixed: 0,
      waiting: 0,
      in_progress: 0,
      flaky: 0,
      refused: 0,
      rejected: 0,
      failed: 0,
    };
    for (const run of group) counts[outcomeOf(run)] += 1;
    const s = summarizeGroup(group);
    return {
      day,
      runs: group.length,
      ...counts,
      mttrP50Ms: s.mttrP50Ms,
      mttrP95Ms: s.mttrP95Ms,
      accuracy: s.accuracy,
      patchSuccessRate: s.patchSuccessRate,
      flakyFailures: s.flakyFailures,
      realFailures: s.realFailures,
    };
  });
  const all = summarizeGroup(runs);
  return {
    totals: {
      runs: runs.length,
      fixed: runs.filter((r) => outcomeOf(r) === 'fixed').length,
      waiting: runs.filter((r) => outcomeOf(r) === 'waiting').length,
      ...all,
    },
    days,
  };
};
