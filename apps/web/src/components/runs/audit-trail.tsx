import type { RunDetail } from '@/server/dashboard/get-run-detail.ts';

export function AuditTrail({ events }: { events: RunDetail['audit'] }) {
  if (events.length === 0) return <p className="text-sm">No audit events yet.</p>;
  return (
    <ol className="space-y-1 font-mono text-xs">
      {events.map((e) => (
        <li key={e.seq} className="flex flex-wrap gap-x-3">
          <span className="text-slate-600 dark:text-slate-300">#{e.seq}</span>
          <time dateTime={e.at}>{new Date(e.at).toISOString().replace('T', ' ').slice(0, 19)}</time>
          <span className="font-semibold">{e.action}</span>
          <span>
            {e.actorType}
            {e.actorId ? `:${e.actorId.slice(-8)}` : ''}
          </span>
          <span className="text-slate-600 dark:text-slate-300" title={e.hash}>
            {e.hash.slice(0, 12)}
          </span>
        </li>
      ))}
    </ol>
  );
}
