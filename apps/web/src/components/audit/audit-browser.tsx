'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState } from 'react';
import { fetchJson } from '@/lib/fetch-json.ts';
import type { checkAuditChain } from '@/server/dashboard/check-audit-chain.ts';
import type { searchAuditEvents } from '@/server/dashboard/search-audit-events.ts';
import { Pagination } from '../ui/pagination.tsx';
import { StatusBadge } from '../ui/status-badge.tsx';
import { buttonClass, fieldClass } from '../ui/styles.ts';
import { Card, EmptyState, ErrorState } from '../ui/states.tsx';

type Events = Awaited<ReturnType<typeof searchAuditEvents>>;
type Chain = Awaited<ReturnType<typeof checkAuditChain>>;

const today = () => new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export function AuditBrowser({
  initialEvents,
  initialChain,
}: {
  initialEvents: Events;
  initialChain: Chain;
}) {
  const id = useId();
  const [draft, setDraft] = useState({ q: '', actorType: '', from: '', to: '' });
  const [applied, setApplied] = useState(draft);
  const [page, setPage] = useState(1);
  const [exportRange, setExportRange] = useState({ from: daysAgo(30), to: today(), format: 'csv' });
  const search = new URLSearchParams(
    Object.entries({ ...applied, page: String(page) }).filter(([, v]) => v !== '' && v !== '1'),
  ).toString();
  const events = useQuery({
    queryKey: ['audit', search],
    queryFn: () => fetchJson<Events>(`/api/audit?${search}`),
    initialData: search === '' ? initialEvents : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const chain = useQuery({
    queryKey: ['audit-chain'],
    queryFn: () => fetchJson<Chain>('/api/audit/verify'),
    initialData: initialChain,
    refetchInterval: 30_000,
  });
  const result = events.data;
  const exportHref = `/api/audit/export?${new URLSearchParams(exportRange).toString()}`;
  return (
    <div className="space-y-6">
      <Card title="Hash chain">
        <p className="text-sm" data-testid="chain-status">
          {chain.data.ok ? (
            <>
              <StatusBadge value="passed" label="verified" /> {chain.data.checked} events recomputed, chain
              intact
            </>
          ) : (
            <>
              <StatusBadge value="failed" label="broken" /> the chain breaks at event #{chain.data.brokenAt} (
              {chain.data.reason.replace(/_/g, ' ')}) after {chain.data.checked} good events
            </>
          )}{' '}
          · checked{' '}
          <time dateTime={chain.data.verifiedAt}>{new Date(chain.data.verifiedAt).toLocaleTimeString()}</time>{' '}
          in {chain.data.durationMs} ms
        </p>
      </Card>
      <Card title="Export">
        <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
          <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-ex-from`}>
            From
            <input
              id={`${id}-ex-from`}
              type="date"
              className={fieldClass}
              value={exportRange.from}
              onChange={(e) => setExportRange({ ...exportRange, from: e.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-ex-to`}>
            To
            <input
              id={`${id}-ex-to`}
              type="date"
              className={fieldClass}
              value={exportRange.to}
              onChange={(e) => setExportRange({ ...exportRange, to: e.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-ex-format`}>
            Format
            <select
              id={`${id}-ex-format`}
              className={fieldClass}
              value={exportRange.format}
              onChange={(e) => setExportRange({ ...exportRange, format: e.target.value })}
            >
              <option value="csv">CSV</option>
              <option value="json">JSON</option>
            </select>
          </label>
          <a href={exportHref} download className={buttonClass}>
            Download export
          </a>
        </form>
      </Card>
      <Card title="Events">
        <form
          aria-label="Search audit events"
          className="mb-4 flex flex-wrap items-end gap-3"
          onSubmit={(e) => {
            e.preventDefault();
            setPage(1);
            setApplied(draft);
          }}
        >
          <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-q`}>
            Search (action, subject or actor id, hash)
            <input
              id={`${id}-q`}
              type="search"
              className={fieldClass}
              value={draft.q}
              onChange={(e) => setDraft({ ...draft, q: e.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-actor`}>
            Actor
            <select
              id={`${id}-actor`}
              className={fieldClass}
              value={draft.actorType}
              onChange={(e) => setDraft({ ...draft, actorType: e.target.value })}
            >
              <option value="">Any</option>
              <option value="user">user</option>
              <option value="system">system</option>
              <option value="github">github</option>
              <option value="worker">worker</option>
            </select>
          </label>
          <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-from`}>
            From
            <input
              id={`${id}-from`}
              type="date"
              className={fieldClass}
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm" htmlFor={`${id}-to`}>
            To
            <input
              id={`${id}-to`}
              type="date"
              className={fieldClass}
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            />
          </label>
          <button type="submit" className={buttonClass}>
            Search
          </button>
        </form>
        {events.error ? <ErrorState title="Search failed" message={events.error.message} /> : null}
        {!result ? null : result.events.length === 0 ? (
          <EmptyState title="No audit events match" />
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm" aria-busy={events.isFetching}>
              <caption className="sr-only">
                Audit events, page {result.page} of {result.pages}
              </caption>
              <thead className="bg-slate-100 text-left dark:bg-slate-800">
                <tr>
                  <th scope="col" className="px-2 py-1 font-medium">
                    #
                  </th>
                  <th scope="col" className="px-2 py-1 font-medium">
                    When (UTC)
                  </th>
                  <th scope="col" className="px-2 py-1 font-medium">
                    Action
                  </th>
                  <th scope="col" className="px-2 py-1 font-medium">
                    Actor
                  </th>
                  <th scope="col" className="px-2 py-1 font-medium">
                    Subject
                  </th>
                  <th scope="col" className="px-2 py-1 font-medium">
                    Hash
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.events.map((e) => (
                  <tr key={e.seq} className="border-t border-slate-200 align-top dark:border-slate-800">
                    <td className="px-2 py-1 tabular-nums">{e.seq}</td>
                    <td className="px-2 py-1 whitespace-nowrap">{e.at.replace('T', ' ').slice(0, 19)}</td>
                    <td className="px-2 py-1">
                      <span className="font-medium">{e.action}</span>
                      <details>
                        <summary className="cursor-pointer text-xs">data</summary>
                        <pre className="max-w-xl overflow-x-auto text-xs whitespace-pre-wrap">
                          {JSON.stringify(e.data, null, 2)}
                        </pre>
                      </details>
                    </td>
                    <td className="px-2 py-1">
                      {e.actorType}
                      {e.actorId ? <span className="block font-mono text-xs">{e.actorId}</span> : null}
                    </td>
                    <td className="px-2 py-1">
                      {e.subjectType}
                      {e.subjectId && e.subjectType === 'HealingRun' ? (
                        <Link
                          href={`/runs/${e.subjectId}`}
                          className="block font-mono text-xs text-sky-800 underline underline-offset-2 dark:text-sky-300"
                        >
                          {e.subjectId}
                        </Link>
                      ) : e.subjectId ? (
                        <span className="block font-mono text-xs">{e.subjectId}</span>
                      ) : null}
                    </td>
                    <td className="px-2 py-1 font-mono text-xs" title={e.hash}>
                      {e.hash.slice(0, 12)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {result ? (
          <Pagination
            summary={`${result.total} events`}
            page={result.page}
            pages={result.pages}
            onPage={setPage}
          />
        ) : null}
      </Card>
    </div>
  );
}
