import { formatDuration } from '@/lib/format.ts';
import type { RunDetail } from '@/server/dashboard/get-run-detail.ts';
import { StatusBadge } from '../ui/status-badge.tsx';

export function StageTimeline({ stages }: { stages: RunDetail['stages'] }) {
  if (stages.length === 0) return <p className="text-sm">The run has not started a stage yet.</p>;
  const longest = Math.max(1, ...stages.map((s) => s.durationMs ?? 0));
  return (
    <ol className="space-y-2" aria-label="Stages in order">
      {stages.map((s) => (
        <li key={s.stage} className="grid grid-cols-[7rem_6rem_1fr_6rem] items-center gap-3 text-sm">
          <span className="font-medium">{s.stage}</span>
          <StatusBadge value={s.status} />
          <span aria-hidden="true" className="h-2 rounded bg-slate-200 dark:bg-slate-800">
            <span
              className="block h-2 rounded bg-sky-700"
              style={{ width: `${Math.max(2, ((s.durationMs ?? 0) / longest) * 100)}%` }}
            />
          </span>
          <span className="text-right tabular-nums">
            {s.durationMs === null ? 'running' : formatDuration(s.durationMs)}
          </span>
        </li>
      ))}
    </ol>
  );
}
