'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { fetchJson } from '@/lib/fetch-json.ts';
import { formatDuration, humanize, shortSha } from '@/lib/format.ts';
import type { RunDetail } from '@/server/dashboard/get-run-detail.ts';
import { StatusBadge } from '../ui/status-badge.tsx';
import { Card, ErrorState } from '../ui/states.tsx';
import { AuditTrail } from './audit-trail.tsx';
import { DecisionPanel } from './decision-panel.tsx';
import { DiagnosisCard } from './diagnosis-card.tsx';
import { DiffViewer } from './diff-viewer.tsx';
import { GuardrailsAndRisk } from './guardrails-and-risk.tsx';
import { LogViewer } from './log-viewer.tsx';
import { StageTimeline } from './stage-timeline.tsx';
import { TestMatrix } from './test-matrix.tsx';

const LIVE = ['queued', 'running', 'waiting_approval'];

export function RunDetailView({
  initial,
  canReview,
  canDecide,
  currentUserEmail,
}: {
  initial: RunDetail;
  canReview: boolean;
  canDecide: boolean;
  currentUserEmail: string | null;
}) {
  const { data, error } = useQuery({
    queryKey: ['run', initial.id],
    queryFn: () => fetchJson<RunDetail>(`/api/runs/${initial.id}`),
    initialData: initial,
    // Poll while the run can still change; a finished run is history.
    refetchInterval: (query) => (LIVE.includes(query.state.data?.status ?? '') ? 3_000 : false),
  });
  const run = data ?? initial;
  const selected = run.patchAttempts.find((p) => p.selected) ?? run.patchAttempts.at(-1) ?? null;
  const delivered = run.prUrl ? (
    <a className="text-sky-800 underline dark:text-sky-300" href={run.prUrl}>
      pull request #{run.prNumber}
    </a>
  ) : run.branchName ? (
    <span>
      branch <code>{run.branchName}</code>
    </span>
  ) : null;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/runs" className="text-sky-800 underline underline-offset-2 dark:text-sky-300">
          Runs
        </Link>{' '}
        / {run.id.slice(-8)}
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">
            {run.diagnosis?.summary ?? `Run on ${run.repository.fullName}`}
          </h1>
          <p className="mt-1 text-sm text-slate-700 dark:text-slate-300">
            {run.repository.fullName} ({run.repository.provider}) · branch {run.failure.branch ?? '—'} ·
            commit <code>{shortSha(run.failure.headSha)}</code>
            {run.failure.commitAuthorEmail ? ` by ${run.failure.commitAuthorEmail}` : ''}
            {run.failure.jobName ? ` · job ${run.failure.jobName}` : ''}
          </p>
          {run.repository.enabled ? null : (
            <p className="mt-1 text-sm text-amber-800 dark:text-amber-200">
              This repository is disabled: Suture takes no new failures from it.
            </p>
          )}
        </div>
        <div className="text-right text-sm" data-testid="run-status">
          <StatusBadge value={run.outcome ?? run.status} />
          <p className="mt-1">stage {run.stage}</p>
          <p>MTTR {formatDuration(run.mttrReadyMs)}</p>
          {delivered ? <p>Delivered as {delivered}</p> : null}
        </div>
      </div>
      {error ? <ErrorState title="Live updates paused" message={error.message} /> : null}
      {run.errorMessage ? <ErrorState title="The run stopped" message={run.errorMessage} /> : null}
      {run.status === 'waiting_approval' ? (
        <DecisionPanel
          runId={run.id}
          canDecide={canDecide}
          blockedReason={
            currentUserEmail && run.failure.commitAuthorEmail === currentUserEmail
              ? 'You authored the failing commit; another approver must approve its fix.'
              : null
          }
          requiredApprovals={run.requiredApprovals}
          approvals={run.approvals.filter((a) => a.decision === 'approve').length}
        />
      ) : null}
      <Card title="Timeline">
        <StageTimeline stages={run.stages} />
      </Card>
      <DiagnosisCard run={run} canReview={canReview} />
      <Card title="Log">
        <LogViewer
          log={run.log}
          evidence={run.diagnosis?.evidence ?? []}
          context={run.diagnosis?.context ?? []}
        />
      </Card>
      <Card title="Patch">
        {selected ? (
          <div className="space-y-2">
            <p className="text-sm">
              Attempt {selected.attempt} of {run.patchAttempts.length} · strategy{' '}
              {humanize(selected.strategy)} · {selected.filesChanged} file
              {selected.filesChanged === 1 ? '' : 's'}, +{selected.linesAdded} −{selected.linesRemoved} ·
              validation <StatusBadge value={selected.validationStatus} />
            </p>
            <DiffViewer diff={selected.diff} />
          </div>
        ) : (
          <p className="text-sm text-slate-700 dark:text-slate-300">
            {LIVE.includes(run.status) ? 'No patch yet.' : 'No patch was produced for this run.'}
          </p>
        )}
      </Card>
      <Card title="Tests">
        <TestMatrix executions={run.testExecutions} verdicts={run.testVerdicts} />
      </Card>
      <GuardrailsAndRisk
        attempt={selected}
        policyDecision={run.policyDecision}
        policyVersion={run.policyVersion}
      />
      {run.approvals.length > 0 ? (
        <Card title="Decisions">
          <ul className="space-y-2 text-sm">
            {run.approvals.map((a) => (
              <li key={`${a.by}-${a.at}`}>
                <StatusBadge value={a.decision} /> by {a.by} at{' '}
                <time dateTime={a.at}>{new Date(a.at).toLocaleString()}</time>: {a.reason}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title="Audit trail">
        <AuditTrail events={run.audit} />
      </Card>
    </div>
  );
}
