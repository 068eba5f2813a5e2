'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/fetch-json.ts';
import { formatDuration, formatPercent, humanize } from '@/lib/format.ts';
import type { RunDetail } from '@/server/dashboard/get-run-detail.ts';
import { StatusBadge } from '../ui/status-badge.tsx';
import { Card, ErrorState } from '../ui/states.tsx';

const buttonClass =
  'rounded border px-3 py-1.5 text-sm font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:opacity-50';

export function DiagnosisCard({ run, canReview }: { run: RunDetail; canReview: boolean }) {
  const queryClient = useQueryClient();
  const feedback = useMutation({
    mutationFn: (value: 'correct' | 'incorrect') =>
      fetchJson(`/api/runs/${run.id}/feedback`, {
        method: 'POST',
        body: JSON.stringify({ feedback: value }),
      }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['run', run.id] });
      await queryClient.invalidateQueries({ queryKey: ['overview'] });
    },
  });
  const d = run.diagnosis;
  if (!d)
    return (
      <Card title="Diagnosis">
        <p className="text-sm">Not diagnosed yet.</p>
      </Card>
    );
  const jump = (line: number) =>
    document.getElementById(`log-line-${line}`)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  const files = Array.isArray(d.files) ? (d.files as { path: string; line?: number }[]) : [];
  const tests = Array.isArray(d.failingTests) ? (d.failingTests as { name: string; message?: string }[]) : [];
  return (
    <Card
      title="Diagnosis"
      actions={
        <span className="text-sm">
          {d.engine}
          {d.model ? ` (${d.model})` : ''} · {formatDuration(d.durationMs)}
        </span>
      }
    >
      <div className="space-y-3 text-sm">
        <p>
          <StatusBadge value={d.category} /> confidence {formatPercent(d.confidence)}
          {d.flakySuspect ? (
            <span className="ml-2">
              <StatusBadge value="flaky" label="flaky suspect" /> {d.flakyReason}
            </span>
          ) : null}
        </p>
        <p className="font-medium">{d.summary}</p>
        <p className="whitespace-pre-wrap text-slate-800 dark:text-slate-200">{d.rootCause}</p>
        {d.fallbackReason ? (
          <p className="text-slate-700 dark:text-slate-300">Offline engine used: {d.fallbackReason}</p>
        ) : null}
        {files.length > 0 ? (
          <p>
            Files:{' '}
            {files.map((f) => (
              <code key={`${f.path}:${f.line ?? ''}`} className="mr-2">
                {f.path}
                {f.line ? `:${f.line}` : ''}
              </code>
            ))}
          </p>
        ) : null}
        {tests.length > 0 ? <p>Failing tests: {tests.map((t) => t.name).join(', ')}</p> : null}
        <div className="flex flex-wrap gap-2">
          {d.evidence.map((range) => (
            <button
              key={`${range.start}-${range.end}`}
              type="button"
              className={`${buttonClass} border-amber-400 bg-amber-50 text-amber-950 hover:bg-amber-100 dark:bg-amber-950 dark:text-amber-100`}
              onClick={() => jump(range.start)}
            >
              Jump to evidence, lines {range.start}–{range.end}
            </button>
          ))}
        </div>
        <div className="flex flex-wrap items-center gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">
          <span>Was this diagnosis right?</span>
          {d.feedback ? (
            <span data-testid="diagnosis-feedback">
              <StatusBadge value={d.feedback} /> {d.feedbackBy ? `by ${d.feedbackBy}` : ''}
            </span>
          ) : (
            <span data-testid="diagnosis-feedback">not reviewed yet</span>
          )}
          {canReview ? (
            <>
              <button
                type="button"
                className={`${buttonClass} border-emerald-600 text-emerald-900 hover:bg-emerald-50 dark:text-emerald-200`}
                disabled={feedback.isPending}
                aria-pressed={d.feedback === 'correct'}
                onClick={() => feedback.mutate('correct')}
              >
                Correct
              </button>
              <button
                type="button"
                className={`${buttonClass} border-red-600 text-red-900 hover:bg-red-50 dark:text-red-200`}
                disabled={feedback.isPending}
                aria-pressed={d.feedback === 'incorrect'}
                onClick={() => feedback.mutate('incorrect')}
              >
                Incorrect
              </button>
            </>
          ) : (
            <span className="text-slate-700 dark:text-slate-300">(approvers and above review diagnoses)</span>
          )}
        </div>
        {feedback.error ? <ErrorState title="Feedback not saved" message={feedback.error.message} /> : null}
        <p className="sr-only">{humanize(d.category)}</p>
      </div>
    </Card>
  );
}
