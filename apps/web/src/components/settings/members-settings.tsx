'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/fetch-json.ts';
import type { listMembers } from '@/server/dashboard/manage-members.ts';
import { Card, ErrorState } from '../ui/states.tsx';

type Members = { members: Awaited<ReturnType<typeof listMembers>> };
const roles = ['viewer', 'approver', 'admin', 'owner'] as const;

export function MembersSettings({
  initial,
  currentUserId,
  isOwner,
}: {
  initial: Members['members'];
  currentUserId: string;
  isOwner: boolean;
}) {
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: ['members'],
    queryFn: () => fetchJson<Members>('/api/settings/members'),
    initialData: { members: initial },
  });
  const change = useMutation({
    mutationFn: ({ id, role }: { id: string; role: string }) =>
      fetchJson(`/api/settings/members/${id}`, { method: 'PATCH', body: JSON.stringify({ role }) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['members'] }),
  });
  return (
    <Card title="Members">
      <p className="mb-3 text-sm text-slate-700 dark:text-slate-300">
        Roles come from the identity provider&apos;s groups claim at each sign-in; a role changed here becomes
        a manual grant that sign-ins no longer override.
      </p>
      <table className="min-w-full text-sm">
        <caption className="sr-only">Organization members and their roles</caption>
        <thead className="text-left">
          <tr>
            <th scope="col" className="py-1 font-medium">
              Member
            </th>
            <th scope="col" className="py-1 font-medium">
              Role
            </th>
            <th scope="col" className="py-1 font-medium">
              Source
            </th>
          </tr>
        </thead>
        <tbody>
          {data.members.map((m) => {
            const self = m.user.id === currentUserId;
            const locked = self || (!isOwner && m.role === 'owner');
            return (
              <tr key={m.id} className="border-t border-slate-200 dark:border-slate-800">
                <td className="py-1.5">
                  {m.user.email ?? m.user.name}
                  {self ? ' (you)' : ''}
                </td>
                <td className="py-1.5">
                  <label className="sr-only" htmlFor={`role-${m.id}`}>
                    Role of {m.user.email ?? m.user.name}
                  </label>
                  <select
                    id={`role-${m.id}`}
                    value={m.role}
                    disabled={locked || change.isPending}
                    onChange={(e) => change.mutate({ id: m.id, role: e.target.value })}
                    className="rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900"
                  >
                    {roles
                      .filter((r) => isOwner || r !== 'owner' || m.role === 'owner')
                      .map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                  </select>
                </td>
                <td className="py-1.5">{m.source}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {change.error ? <ErrorState title="Role not changed" message={change.error.message} /> : null}
    </Card>
  );
}
