// What the terminal prints while the demo's runs heal: one line per finished stage, one when a run is ready
// for approval or has ended, and the closing summary. Pure, so it is unit-tested.
export type StageSnapshot = {
  stage: string;
  status: string;
  durationMs: number | null;
  detail: unknown;
};

export type RunSnapshot = {
  name: string;
  status: string;
  outcome: string | null;
  /** How the run ended, in the worker's words (the run.finished audit event). */
  finishedDetail: string | null;
  mttrReadyMs: number | null;
  stages: StageSnapshot[];
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const formatValue = (value: unknown): string => {
  if (typeof value === 'number' && !Number.isInteger(value)) return value.toFixed(2);
  // Commit ids as git abbreviates them.
  if (typeof value === 'string' && /^[0-9a-f]{40}$/.test(value)) return value.slice(0, 7);
  return String(value);
};

/** `{verdict: 'fail'}` -> ` (verdict fail)`; nothing for an empty or non-object detail. */
export const formatStageDetail = (detail: unknown): string => {
  if (!detail || typeof detail !== 'object' || Array.isArray(detail)) return '';
  const parts = Object.entries(detail as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && typeof value !== 'object')
    .map(([key, value]) => `${key} ${formatValue(value)}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

export const isSettled = (run: Pick<RunSnapshot, 'status' | 'outcome'>) =>
  run.status === 'waiting_approval' || run.outcome !== null;

const finishedStages = (run: RunSnapshot | undefined) =>
  new Set(
    (run?.stages ?? [])
      .filter((s) => s.status === 'succeeded' || s.status === 'failed')
      .map((s) => `${s.stage}:${s.status}`),
  );

/** The lines to print for what changed between two snapshots of one run (`previous` undefined: first sight). */
export const describeProgress = (options: {
  previous: RunSnapshot | undefined;
  current: RunSnapshot;
  nameWidth: number;
}): string[] => {
  const { previous, current } = options;
  const name = current.name.padEnd(options.nameWidth);
  const seen = finishedStages(previous);
  const lines: string[] = [];
  for (const stage of current.stages) {
    if (stage.status !== 'succeeded' && stage.status !== 'failed') continue;
    if (seen.has(`${stage.stage}:${stage.status}`)) continue;
    // The approval stage only finishes after a human decided; that shows as the run's outcome below.
    if (stage.stage === 'approval') continue;
    const took = stage.durationMs === null ? '' : ` in ${seconds(stage.durationMs)}`;
    lines.push(
      `${name}  ${stage.stage} ${stage.status === 'failed' ? 'failed' : 'done'}${took}${formatStageDetail(stage.detail)}`,
    );
  }
  if (current.status === 'waiting_approval' && previous?.status !== 'waiting_approval') {
    const mttr = current.mttrReadyMs === null ? '' : `, ${seconds(current.mttrReadyMs)} after the CI failure`;
    lines.push(`${name}  READY FOR APPROVAL${mttr}`);
  }
  if (current.outcome && !previous?.outcome) {
    lines.push(
      `${name}  finished: ${current.outcome}${current.finishedDetail ? ` - ${current.finishedDetail}` : ''}`,
    );
  }
  return lines;
};

/** E.g. "3 runs waiting for approval (2 finished without a patch to approve: 1 flaky_infrastructure, 1 no_fix)". */
export const summarizeRuns = (runs: Pick<RunSnapshot, 'status' | 'outcome'>[]): string => {
  const waiting = runs.filter((run) => run.status === 'waiting_approval').length;
  const outcomes = new Map<string, number>();
  for (const run of runs) if (run.outcome) outcomes.set(run.outcome, (outcomes.get(run.outcome) ?? 0) + 1);
  const finished = [...outcomes.values()].reduce((sum, count) => sum + count, 0);
  const pending = runs.length - waiting - finished;
  const head = `${waiting} run${waiting === 1 ? '' : 's'} waiting for approval`;
  const extras = [
    finished > 0
      ? `${finished} finished: ${[...outcomes]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([outcome, count]) => `${count} ${outcome}`)
          .join(', ')}`
      : null,
    pending > 0 ? `${pending} still running` : null,
  ].filter((part): part is string => part !== null);
  return extras.length > 0 ? `${head} (${extras.join('; ')})` : head;
};
