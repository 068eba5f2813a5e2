'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { fetchJson } from '@/lib/fetch-json.ts';
import { formatDuration, formatPercent } from '@/lib/format.ts';
import type { Overview } from '@/server/dashboard/compute-overview.ts';
import { ErrorState } from '../ui/states.tsx';
import { fieldClass } from '../ui/styles.ts';
import { OverviewCharts } from './overview-charts.tsx';

function Kpi({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <dt className="text-sm text-slate-600 dark:text-slate-300">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums">{value}</dd>
      {hint ? <dd className="mt-1 text-xs text-slate-600 dark:text-slate-300">{hint}</dd> : null}
    </div>
  );
}

export function OverviewDashboard({ initial }: { initial: Overview }) {
  const router = useRouter();
  const pathname = usePathname();
  const [period, setPeriod] = useState(initial.period);
  const [repository, setRepository] = useState(initial.repository ?? '');
  const params = new URLSearchParams({ period, ...(repository ? { repository } : {}) });
  const { data, error, isFetching } = useQuery({
    queryKey: ['overview', period, repository],
    queryFn: () => fetchJson<Overview>(`/api/overview?${params.toString()}`),
    initialData: period === initial.period && repository === (initial.repository ?? '') ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 15_000,
  });
  const update = (next: { period?: string; repository?: string }) => {
    const p = next.period ?? period;
    const r = next.repository ?? repository;
    if (next.period) setPeriod(next.period as Overview['period']);
    if (next.repository !== undefined) setRepository(next.repository);
    // Keep the filters in the URL so a view can be shared, without a full reload.
    router.replace(
      `${pathname}?${new URLSearchParams({ period: p, ...(r ? { repository: r } : {}) }).toString()}`,
      {
        scroll: false,
      },
    );
  };
  const overview = data ?? initial;
  const t = overview.totals;
  return (
    <div className="space-y-6" aria-busy={isFetching}>
      <form className="flex flex-wrap items-end gap-4" onSubmit={(e) => e.preventDefault()}>
        <label className="flex flex-col gap-1 text-sm">
          Period
          <select className={fieldClass} value={period} onChange={(e) => update({ period: e.target.value })}>
            <option value="7d">Last 7 days</option>
            <option value="30d">Last 30 days</option>
            <option value="90d">Last 90 days</option>
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          Repository
          <select
            className={fieldClass}
            value={repository}
            onChange={(e) => update({ repository: e.target.value })}
          >
            <option value="">All repositories</option>
            {overview.repositories.map((r) => (
              <option key={r.id} value={r.id}>
                {r.fullName}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error ? <ErrorState title="Could not refresh the overview" message={error.message} /> : null}
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-6" data-testid="kpis">
        <Kpi label="Runs" value={String(t.runs)} hint={`${t.waiting} waiting for approval`} />
        <Kpi label="Fixed" value={String(t.fixed)} hint="PR opened or branch created" />
        <Kpi label="MTTR p50" value={formatDuration(t.mttrP50Ms)} hint="failure to ready for approval" />
        <Kpi label="MTTR p95" value={formatDuration(t.mttrP95Ms)} />
        <Kpi
          label="Diagnosis accuracy"
          value={formatPercent(t.accuracy)}
          hint={`${t.reviewedDiagnoses} reviewed`}
        />
        <Kpi
          label="Patch success"
          value={formatPercent(t.patchSuccessRate)}
          hint={`${t.attemptedPatches} patches attempted`}
        />
      </dl>
      {overview.sampled ? (
        <p className="text-sm text-amber-800 dark:text-amber-200">
          More runs than the overview reads at once: figures cover the newest 50,000.
        </p>
      ) : null}
      <OverviewCharts overview={overview} />
    </div>
  );
}
