import { formatDuration, formatPercent } from '@/lib/format.ts';
import type { RunDetail } from '@/server/dashboard/get-run-detail.ts';
import { StatusBadge } from '../ui/status-badge.tsx';

const outcomeMark: Record<string, string> = {
  passed: '✓',
  failed: '✗',
  skipped: '–',
  timeout: 'T',
  error: '!',
};
const outcomeClass: Record<string, string> = {
  passed: 'bg-emerald-100 text-emerald-900',
  failed: 'bg-red-100 text-red-900',
  timeout: 'bg-amber-100 text-amber-900',
  error: 'bg-red-200 text-red-950',
  skipped: 'bg-slate-100 text-slate-800',
};

/** Runs x tests: one column per sandboxed run (before, then after the patch), one row per test. */
export function TestMatrix({
  executions,
  verdicts,
}: {
  executions: RunDetail['testExecutions'];
  verdicts: RunDetail['testVerdicts'];
}) {
  if (executions.length === 0 && verdicts.length === 0)
    return <p className="text-sm">No sandboxed test runs yet.</p>;
  const names = [...new Set(executions.flatMap((e) => e.cases.map((c) => c.name)))].sort();
  return (
    <div className="space-y-4">
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Test matrix">
        <table className="text-xs">
          <caption className="mb-1 text-left text-sm">
            {executions.length} sandboxed run{executions.length === 1 ? '' : 's'}; ✓ passed, ✗ failed, T timed
            out, – skipped
          </caption>
          <thead>
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium">
                Test
              </th>
              {executions.map((e) => (
                <th key={e.id} scope="col" className="px-2 py-1 font-medium whitespace-nowrap">
                  {e.phase === 'original' ? 'before' : 'after'} #
                  {executions.filter((x) => x.phase === e.phase).indexOf(e) + 1}
                  <span className="block font-normal text-slate-600 dark:text-slate-300">
                    exit {e.exitCode ?? '—'} · {formatDuration(e.wallMs)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {names.length === 0 ? (
              <tr>
                <td className="px-2 py-1">(the runner reported no per-test results)</td>
                {executions.map((e) => (
                  <td key={e.id} className="px-2 py-1 text-center">
                    {e.failed > 0 || (e.exitCode ?? 0) !== 0 ? '✗' : '✓'}
                  </td>
                ))}
              </tr>
            ) : (
              names.map((name) => (
                <tr key={name} className="border-t border-slate-200 dark:border-slate-800">
                  <th
                    scope="row"
                    className="max-w-md truncate px-2 py-1 text-left font-mono font-normal"
                    title={name}
                  >
                    {name}
                  </th>
                  {executions.map((e) => {
                    const outcome = e.cases.find((c) => c.name === name)?.outcome;
                    return (
                      <td key={e.id} className="px-1 py-1 text-center">
                        {outcome ? (
                          <span
                            className={`inline-block w-6 rounded ${outcomeClass[outcome] ?? ''}`}
                            title={outcome}
                            aria-label={outcome}
                          >
                            {outcomeMark[outcome] ?? '?'}
                          </span>
                        ) : (
                          <span aria-label="not run">·</span>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {verdicts.length > 0 ? (
        <table className="min-w-full text-sm">
          <caption className="mb-1 text-left font-medium">
            Verdicts (failure rate with its 95% interval)
          </caption>
          <thead className="bg-slate-100 text-left dark:bg-slate-800">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                Scope
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Test
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Verdict
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Failures
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Interval
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Why
              </th>
            </tr>
          </thead>
          <tbody>
            {verdicts.map((v) => (
              <tr key={`${v.scope}-${v.name}`} className="border-t border-slate-200 dark:border-slate-800">
                <td className="px-2 py-1">{v.scope}</td>
                <td className="px-2 py-1 font-mono text-xs">{v.name}</td>
                <td className="px-2 py-1">
                  <StatusBadge value={v.verdict} />
                </td>
                <td className="px-2 py-1 tabular-nums">
                  {v.failures}/{v.runs}
                </td>
                <td className="px-2 py-1 tabular-nums">
                  {formatPercent(v.intervalLow)}–{formatPercent(v.intervalHigh)}
                </td>
                <td className="px-2 py-1">{v.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
