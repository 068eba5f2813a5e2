'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { fetchJson } from '@/lib/fetch-json.ts';
import { formatAge, humanize, shortSha } from '@/lib/format.ts';
import type { ApprovalQueueItem } from '@/server/dashboard/list-approval-queue.ts';
import { EmptyState, ErrorState } from '../ui/states.tsx';
import { DecisionForm } from './decision-form.tsx';

type Queue = { runs: ApprovalQueueItem[] };
type Decision = { runId: string; decision: 'approve' | 'reject'; reason: string };

export function ApprovalQueue({ initial }: { initial: ApprovalQueueItem[] }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const { data, error } = useQuery({
    queryKey: ['approvals'],
    queryFn: () => fetchJson<Queue>('/api/approvals'),
    initialData: { runs: initial },
    refetchInterval: 5_000,
  });
  const decide = useMutation({
    mutationFn: ({ runId, decision, reason }: Decision) =>
      fetchJson<{ signalled: boolean; approvals: number; requiredApprovals: number }>(
        `/api/runs/${runId}/decision`,
        { method: 'POST', body: JSON.stringify({ decision, reason }) },
      ),
    // Optimistic: the run leaves the queue at once; on error it comes back and the error is shown.
    onMutate: async ({ runId }) => {
      setNotice(null);
      await queryClient.cancelQueries({ queryKey: ['approvals'] });
      const previous = queryClient.getQueryData<Queue>(['approvals']);
      queryClient.setQueryData<Queue>(['approvals'], (old) => ({
        runs: (old?.runs ?? []).filter((r) => r.id !== runId),
      }));
      return { previous };
    },
    onError: (err, _input, context) => {
      if (context?.previous) queryClient.setQueryData(['approvals'], context.previous);
      setNotice({ kind: 'error', text: err.message });
    },
    onSuccess: (result, input) =>
      setNotice({
        kind: 'ok',
        text:
          input.decision === 'reject'
            ? 'Rejected; the run ends without a patch.'
            : result.signalled
              ? 'Approved; Suture is delivering the fix.'
              : `Approval recorded; ${result.requiredApprovals - result.approvals} more needed.`,
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['approvals'] }),
  });
  const runs = data.runs;
  return (
    <div className="space-y-4">
      <div aria-live="polite">
        {notice?.kind === 'ok' ? (
          <p
            role="status"
            className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-950"
          >
            {notice.text}
          </p>
        ) : null}
      </div>
      {notice?.kind === 'error' ? <ErrorState title="Decision not recorded" message={notice.text} /> : null}
      {error ? <ErrorState title="Could not refresh the queue" message={error.message} /> : null}
      {runs.length === 0 ? (
        <EmptyState title="Nothing is waiting for approval">
          Runs appear here once Suture has proven a patch and the policy asks for a human.
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="Runs waiting for approval">
          {runs.map((run) => (
            <li
              key={run.id}
              data-run-id={run.id}
              className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <h2 className="font-semibold">
                    <Link
                      href={`/runs/${run.id}`}
                      className="text-sky-800 underline underline-offset-2 dark:text-sky-300"
                    >
                      {run.summary ?? `Run ${run.id.slice(-8)}`}
                    </Link>
                  </h2>
                  <p className="text-sm text-slate-700 dark:text-slate-300">
                    {run.repository} · {run.branch ?? '—'} · commit <code>{shortSha(run.headSha)}</code>
                    {run.commitAuthorEmail ? ` by ${run.commitAuthorEmail}` : ''} · {humanize(run.category)}
                  </p>
                  {run.patch ? (
                    <p className="text-sm">
                      {humanize(run.patch.strategy)}: {run.patch.filesChanged} file
                      {run.patch.filesChanged === 1 ? '' : 's'}, +{run.patch.linesAdded} −
                      {run.patch.linesRemoved}, risk {run.patch.riskScore ?? '—'}
                    </p>
                  ) : null}
                </div>
                <p className="text-sm">
                  waiting <time dateTime={run.waitingSince}>{formatAge(run.waitingSince)}</time> ·{' '}
                  {run.approvals}/{run.requiredApprovals} approvals
                </p>
              </div>
              <div className="mt-3">
                <DecisionForm
                  pending={decide.isPending && decide.variables.runId === run.id}
                  approveBlockedReason={run.approveBlockedReason}
                  onDecide={(decision, reason) => decide.mutate({ runId: run.id, decision, reason })}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
