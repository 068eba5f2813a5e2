'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/fetch-json.ts';
import type { listRepositories } from '@/server/dashboard/manage-repositories.ts';
import { Card, EmptyState, ErrorState } from '../ui/states.tsx';

type Repositories = { repositories: Awaited<ReturnType<typeof listRepositories>> };

export function RepositoriesSettings({ initial }: { initial: Repositories['repositories'] }) {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: ['repositories'],
    queryFn: () => fetchJson<Repositories>('/api/settings/repositories'),
    initialData: { repositories: initial },
  });
  const toggle = useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      fetchJson(`/api/settings/repositories/${id}`, { method: 'PATCH', body: JSON.stringify({ enabled }) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['repositories'] }),
  });
  return (
    <Card title="Repositories">
      {data.repositories.length === 0 ? (
        <EmptyState title="No repositories yet">
          Install the GitHub App on an account, or report a local repository&apos;s failure with{' '}
          <code>npx suture ingest</code>.
        </EmptyState>
      ) : (
        <table className="min-w-full text-sm">
          <caption className="sr-only">Repositories Suture watches</caption>
          <thead className="text-left">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Repository
              </th>
              <th scope="col" className="py-1 font-medium">
                Provider
              </th>
              <th scope="col" className="py-1 font-medium">
                Default branch
              </th>
              <th scope="col" className="py-1 font-medium">
                Runs
              </th>
              <th scope="col" className="py-1 font-medium">
                Healing
              </th>
            </tr>
          </thead>
          <tbody>
            {data.repositories.map((r) => (
              <tr key={r.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1.5">
                  {r.fullName}
                  {r.localPath ? (
                    <span className="block text-xs text-slate-700 dark:text-slate-300">{r.localPath}</span>
                  ) : null}
                </td>
                <td className="py-1.5">{r.provider}</td>
                <td className="py-1.5">{r.defaultBranch}</td>
                <td className="py-1.5 tabular-nums">{r.runs}</td>
                <td className="py-1.5">
                  <label className="inline-flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={r.enabled}
                      disabled={toggle.isPending}
                      onChange={(e) => toggle.mutate({ id: r.id, enabled: e.target.checked })}
                      className="h-4 w-4"
                    />
                    {r.enabled ? 'enabled' : 'disabled'}
                    <span className="sr-only"> for {r.fullName}</span>
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {toggle.error ? <ErrorState title="Not changed" message={toggle.error.message} /> : null}
    </Card>
  );
}
