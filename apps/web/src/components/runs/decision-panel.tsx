'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/fetch-json.ts';
import { DecisionForm } from '../approvals/decision-form.tsx';
import { ErrorState } from '../ui/states.tsx';

type DecisionResult = { approvals: number; requiredApprovals: number; signalled: boolean };

export function DecisionPanel({
  runId,
  canDecide,
  blockedReason,
  approvals,
  requiredApprovals,
}: {
  runId: string;
  canDecide: boolean;
  blockedReason: string | null;
  approvals: number;
  requiredApprovals: number;
}) {
  const queryClient = useQueryClient();
  const decide = useMutation({
    mutationFn: ({ decision, reason }: { decision: 'approve' | 'reject'; reason: string }) =>
      fetchJson<DecisionResult>(`/api/runs/${runId}/decision`, {
        method: 'POST',
        body: JSON.stringify({ decision, reason }),
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['run', runId] }),
  });
  return (
    <section
      aria-labelledby="decision-heading"
      className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
    >
      <h2 id="decision-heading" className="font-semibold">
        Waiting for approval ({approvals} of {requiredApprovals} approval{requiredApprovals === 1 ? '' : 's'})
      </h2>
      {canDecide ? (
        <div className="mt-2">
          {decide.isSuccess ? (
            <p role="status">
              {decide.data.signalled
                ? 'Decision sent; the run continues.'
                : `Approval recorded; ${decide.data.requiredApprovals - decide.data.approvals} more needed.`}
            </p>
          ) : (
            <DecisionForm
              pending={decide.isPending}
              approveBlockedReason={blockedReason}
              onDecide={(decision, reason) => decide.mutate({ decision, reason })}
            />
          )}
          {decide.error ? <ErrorState title="Decision not recorded" message={decide.error.message} /> : null}
        </div>
      ) : (
        <p className="mt-1 text-sm">Only approvers can approve or reject this patch.</p>
      )}
    </section>
  );
}
