import { humanize } from '@/lib/format.ts';

// Text plus colour (never colour alone), with contrast that passes WCAG AA on both themes.
const tones: Record<string, string> = {
  good: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  wait: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  busy: 'bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100',
  bad: 'bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100',
  neutral: 'bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100',
};

const toneOf = (value: string) => {
  if (
    ['succeeded', 'pr_opened', 'branch_created', 'passed', 'proved', 'correct', 'fixed', 'pass'].includes(
      value,
    )
  )
    return tones.good;
  if (['waiting_approval', 'needs_approval', 'flaky', 'flaky_infrastructure', 'queued'].includes(value))
    return tones.wait;
  if (['running'].includes(value)) return tones.busy;
  if (
    [
      'failed',
      'error',
      'refused',
      'rejected',
      'reject',
      'incorrect',
      'timeout',
      'still_failing',
      'fail',
      'block',
    ].includes(value)
  )
    return tones.bad;
  return tones.neutral;
};

export function StatusBadge({ value, label }: { value: string | null; label?: string }) {
  if (!value) return <span className="text-slate-600 dark:text-slate-300">—</span>;
  return (
    <span
      className={`inline-block rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${toneOf(value)}`}
    >
      {label ?? humanize(value)}
    </span>
  );
}
