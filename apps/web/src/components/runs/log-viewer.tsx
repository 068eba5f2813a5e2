import type { RunDetail } from '@/server/dashboard/get-run-detail.ts';

type Range = { start: number; end: number };

const inRanges = (line: number, ranges: readonly Range[]) =>
  ranges.some((r) => line >= r.start && line <= r.end);

/** The log, with the evidence lines (the cause) highlighted and the context lines around them shaded. */
export function LogViewer({
  log,
  evidence,
  context = [],
}: {
  log: RunDetail['log'];
  evidence: readonly Range[];
  context?: readonly Range[];
}) {
  if (!log) return <p className="text-sm">No log was stored for this failure.</p>;
  return (
    <div className="space-y-2">
      {log.lines.length < log.totalLines ? (
        <p className="text-sm text-slate-700 dark:text-slate-300">
          Showing lines {log.firstLine}–{log.firstLine + log.lines.length - 1} of {log.totalLines} (around the
          evidence).
        </p>
      ) : null}
      <div
        className="max-h-[32rem] overflow-auto rounded border border-slate-200 bg-slate-950 text-slate-100 dark:border-slate-800"
        tabIndex={0}
        role="region"
        aria-label="CI log"
      >
        <ol className="min-w-max py-2 font-mono text-xs leading-5">
          {log.lines.map((text, index) => {
            const line = log.firstLine + index;
            const hit = inRanges(line, evidence);
            const around = !hit && inRanges(line, context);
            return (
              <li
                key={line}
                id={`log-line-${line}`}
                data-evidence={hit ? 'true' : undefined}
                data-context={around ? 'true' : undefined}
                className={`flex gap-3 px-2 ${hit ? 'bg-amber-300 text-slate-950' : around ? 'bg-slate-800' : ''}`}
              >
                <span
                  className={`w-12 shrink-0 text-right select-none ${hit ? 'text-slate-900' : 'text-slate-400'}`}
                >
                  {line}
                </span>
                <span className="whitespace-pre">{text || ' '}</span>
              </li>
            );
          })}
        </ol>
      </div>
    </div>
  );
}
