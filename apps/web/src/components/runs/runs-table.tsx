'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useState } from 'react';
import { FailureCategory, RunStage, RunStatus } from '@suture/db/generated/prisma/enums';
import { fetchJson } from '@/lib/fetch-json.ts';
import { formatAge, formatDuration, humanize, shortSha } from '@/lib/format.ts';
import type { RunsPage, RunsQuery } from '@/server/dashboard/list-runs.ts';
import { Pagination } from '../ui/pagination.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { buttonClass, fieldClass } from '../ui/styles.ts';
import { EmptyState, ErrorState } from '../ui/states.tsx';

// Enum values straight from the schema (a plain module, safe in the browser bundle).
const statuses = Object.values(RunStatus);
const stages = Object.values(RunStage);
const categories = Object.values(FailureCategory);
const ages = [
  ['1h', 'Last hour'],
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
] as const;

type Filters = Record<'repository' | 'branch' | 'category' | 'status' | 'stage' | 'age', string>;

const filtersOf = (query: RunsQuery): Filters => ({
  repository: query.repository ?? '',
  branch: query.branch ?? '',
  category: query.category ?? '',
  status: query.status ?? '',
  stage: query.stage ?? '',
  age: query.age ?? '',
});

/** The query string for filters and page: set fields only, page only past the first. */
const searchOf = (filters: Filters, page: number) =>
  new URLSearchParams(
    Object.entries({ ...filters, page: page > 1 ? String(page) : '' }).filter(([, v]) => v !== ''),
  ).toString();

function FilterSelect({
  label,
  name,
  value,
  options,
  onChange,
}: {
  label: string;
  name: keyof Filters;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (name: keyof Filters, value: string) => void;
}) {
  return (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      <select
        className={fieldClass}
        name={name}
        value={value}
        onChange={(e) => onChange(name, e.target.value)}
      >
        <option value="">Any</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function RunsTable({ initial, initialQuery }: { initial: RunsPage; initialQuery: RunsQuery }) {
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState<Filters>(() => filtersOf(initialQuery));
  const [page, setPage] = useState(initialQuery.page);
  const search = searchOf(filters, page);
  const { data, error, isFetching } = useQuery({
    queryKey: ['runs', search],
    queryFn: () => fetchJson<RunsPage>(`/api/runs?${search}`),
    initialData: search === searchOf(filtersOf(initialQuery), initialQuery.page) ? initial : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  const go = (nextFilters: Filters, nextPage: number) => {
    setFilters(nextFilters);
    setPage(nextPage);
    const query = searchOf(nextFilters, nextPage);
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  const onFilter = (name: keyof Filters, value: string) => go({ ...filters, [name]: value }, 1);
  const runs = data ?? initial;
  const filtered = Object.values(filters).some((v) => v !== '');
  return (
    <div className="space-y-4">
      <form
        aria-label="Filter runs"
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => e.preventDefault()}
      >
        <FilterSelect
          label="Repository"
          name="repository"
          value={filters.repository}
          options={runs.repositories.map((r) => [r.id, r.fullName] as const)}
          onChange={onFilter}
        />
        <FilterSelect
          label="Branch"
          name="branch"
          value={filters.branch}
          options={runs.branches.map((b) => [b, b] as const)}
          onChange={onFilter}
        />
        <FilterSelect
          label="Category"
          name="category"
          value={filters.category}
          options={categories.map((c) => [c, humanize(c)] as const)}
          onChange={onFilter}
        />
        <FilterSelect
          label="Status"
          name="status"
          value={filters.status}
          options={statuses.map((s) => [s, humanize(s)] as const)}
          onChange={onFilter}
        />
        <FilterSelect
          label="Stage"
          name="stage"
          value={filters.stage}
          options={stages.map((s) => [s, s] as const)}
          onChange={onFilter}
        />
        <FilterSelect label="Age" name="age" value={filters.age} options={ages} onChange={onFilter} />
        {filtered ? (
          <button
            type="button"
            className={buttonClass}
            onClick={() =>
              go({ repository: '', branch: '', category: '', status: '', stage: '', age: '' }, 1)
            }
          >
            Clear filters
          </button>
        ) : null}
      </form>
      {error ? <ErrorState title="Could not refresh the runs" message={error.message} /> : null}
      {runs.rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No runs match these filters">Clear a filter to see more.</EmptyState>
        ) : (
          <EmptyState title="No runs yet">
            When a CI run fails in a connected repository (or you report one with{' '}
            <code>npx suture ingest</code>), it appears here within seconds.
          </EmptyState>
        )
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm" aria-busy={isFetching}>
            <caption className="sr-only">
              Healing runs, page {runs.page} of {runs.pages}
            </caption>
            <thead className="bg-slate-100 text-left dark:bg-slate-800">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Run
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Repository
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Branch
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Category
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Stage
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  MTTR
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Age
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.rows.map((run) => (
                <tr
                  key={run.id}
                  className="border-t border-slate-200 dark:border-slate-800"
                  data-run-id={run.id}
                >
                  <td className="px-3 py-2">
                    <Link
                      href={`/runs/${run.id}`}
                      className="font-medium text-sky-800 underline underline-offset-2 dark:text-sky-300"
                    >
                      {run.summary ? run.summary.slice(0, 80) : `Run ${run.id.slice(-8)}`}
                    </Link>
                    <span className="block text-xs text-slate-600 dark:text-slate-300">
                      commit {shortSha(run.headSha)}
                    </span>
                  </td>
                  <td className="px-3 py-2">
                    {run.repository.fullName}
                    {run.repository.enabled ? null : (
                      <span className="block text-xs text-amber-800 dark:text-amber-200">disabled</span>
                    )}
                  </td>
                  <td className="px-3 py-2">{run.branch ?? '—'}</td>
                  <td className="px-3 py-2">{humanize(run.category)}</td>
                  <td className="px-3 py-2">
                    <StatusBadge value={run.outcome ?? run.status} />
                  </td>
                  <td className="px-3 py-2">{run.stage}</td>
                  <td className="px-3 py-2 tabular-nums">{formatDuration(run.mttrReadyMs)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <time dateTime={run.createdAt}>{formatAge(run.createdAt)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        summary={`${runs.total} run${runs.total === 1 ? '' : 's'}`}
        page={runs.page}
        pages={runs.pages}
        onPage={(next) => go(filters, next)}
      />
    </div>
  );
}
