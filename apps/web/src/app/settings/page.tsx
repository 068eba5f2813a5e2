import type { Metadata } from 'next';
import { AccessDenied } from '@/components/access-denied.tsx';
import { MembersSettings } from '@/components/settings/members-settings.tsx';
import { PolicySettings } from '@/components/settings/policy-settings.tsx';
import { RepositoriesSettings } from '@/components/settings/repositories-settings.tsx';
import { isRoleAtLeast } from '@/server/auth/compare-roles.ts';
import { requirePageRole } from '@/server/auth/require-page-role.ts';
import { listMembers } from '@/server/dashboard/manage-members.ts';
import { getActivePolicy } from '@/server/dashboard/manage-policy.ts';
import { listRepositories } from '@/server/dashboard/manage-repositories.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings - Suture' };

type PageProps = { searchParams: Promise<Record<string, string | undefined>> };

export default async function SettingsPage({ searchParams }: PageProps) {
  const { org } = await searchParams;
  const access = await requirePageRole({ minimum: 'viewer', path: '/settings', orgSlug: org });
  if (!access.ok) return <AccessDenied title="Settings" message={access.message} />;
  const { user, membership } = access.scope;
  const organizationId = membership.organizationId;
  const admin = isRoleAtLeast({ role: membership.role, minimum: 'admin' });
  const [policy, members, repositories] = await Promise.all([
    getActivePolicy({ organizationId }),
    admin ? listMembers({ organizationId }) : null,
    admin ? listRepositories({ organizationId }) : null,
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Organization <span className="font-medium">{membership.organizationSlug}</span>. You are{' '}
          {membership.role}
          {admin ? '.' : '; admins change members, repositories and policy.'}
        </p>
      </div>
      <PolicySettings initial={policy} editable={admin} />
      {repositories ? <RepositoriesSettings initial={repositories} /> : null}
      {members ? (
        <MembersSettings initial={members} currentUserId={user.id} isOwner={membership.role === 'owner'} />
      ) : null}
    </div>
  );
}
