// The header: navigation filtered by the signed-in user's role (the server still checks every page).
import Link from 'next/link';
import { isRoleAtLeast } from '@/server/auth/compare-roles.ts';
import { getCurrentUser } from '@/server/auth/get-current-user.ts';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { NavLinks } from './nav-links.tsx';
import { OrgSwitcher } from './org-switcher.tsx';
import { SignOutButton } from './sign-out-button.tsx';

export async function NavBar() {
  const user = await getCurrentUser().catch(() => null);
  // The role in the organisation being viewed (the switcher's choice), which is what pages check.
  const scope = user ? await requireOrgRole({ minimum: 'viewer' }).catch(() => null) : null;
  const role = scope?.membership.role ?? null;
  const organizations = user ? [...new Set(user.memberships.map((m) => m.organizationSlug))] : [];
  const links = [
    { href: '/', label: 'Overview' },
    { href: '/runs', label: 'Runs' },
    ...(role && isRoleAtLeast({ role, minimum: 'approver' })
      ? [{ href: '/approvals', label: 'Approvals' }]
      : []),
    { href: '/settings', label: 'Settings' },
    ...(role && isRoleAtLeast({ role, minimum: 'admin' }) ? [{ href: '/audit', label: 'Audit' }] : []),
  ];
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
        <div className="flex flex-wrap items-center gap-6">
          <Link href="/" className="text-lg font-semibold tracking-tight">
            Suture
          </Link>
          {user ? <NavLinks links={links} /> : null}
        </div>
        {user ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            {scope && organizations.length > 1 ? (
              <OrgSwitcher current={scope.membership.organizationSlug} organizations={organizations} />
            ) : null}
            <span className="text-slate-700 dark:text-slate-300" data-testid="current-user">
              {user.email ?? user.name} · <span className="font-medium">{role ?? 'no role'}</span>
            </span>
            <SignOutButton />
          </div>
        ) : (
          <span className="text-sm text-slate-600 dark:text-slate-300">self-healing CI</span>
        )}
      </div>
    </header>
  );
}
