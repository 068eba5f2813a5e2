// The demo's runs as the dashboard stores them: status, stages and, once a run ended, how (its audit event).
import type { Database } from '@suture/db';
import type { RunSnapshot } from './format-run-progress.ts';

export type TrackedRun = { name: string; healingRunId: string };

export const readRunSnapshots = async (options: {
  db: Database;
  runs: TrackedRun[];
}): Promise<RunSnapshot[]> => {
  const ids = options.runs.map((run) => run.healingRunId);
  const rows = await options.db.healingRun.findMany({
    where: { id: { in: ids } },
    include: { stages: { orderBy: { startedAt: 'asc' } } },
  });
  const finished = await options.db.auditEvent.findMany({
    where: { action: 'run.finished', subjectType: 'HealingRun', subjectId: { in: ids } },
    select: { subjectId: true, data: true },
  });
  const detailOf = new Map(
    finished.map((event) => {
      const data = event.data as { detail?: unknown } | null;
      return [event.subjectId, typeof data?.detail === 'string' ? data.detail : null] as const;
    }),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return options.runs.flatMap((tracked) => {
    const row = byId.get(tracked.healingRunId);
    if (!row) return [];
    return [
      {
        name: tracked.name,
        status: row.status,
        outcome: row.outcome,
        finishedDetail: detailOf.get(row.id) ?? null,
        mttrReadyMs: row.mttrReadyMs === null ? null : Number(row.mttrReadyMs),
        stages: row.stages.map((stage) => ({
          stage: stage.stage,
          status: stage.status,
          durationMs: stage.durationMs,
          detail: stage.detail,
        })),
      },
    ];
  });
};
