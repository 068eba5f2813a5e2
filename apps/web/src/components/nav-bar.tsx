// The header: navigation filtered by the signed-in user's role (the server still checks every page).
import Link from 'next/link';
import { highestRole, isRoleAtLeast } from '@/server/auth/compare-roles.ts';
import { getCurrentUser } from '@/server/auth/get-current-user.ts';
import { NavLinks } from './nav-links.tsx';
import { SignOutButton } from './sign-out-button.tsx';

export async function NavBar() {
  const user = await getCurrentUser().catch(() => null);
  const role = user ? highestRole(user.memberships.map((m) => m.role)) : null;
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
          <div className="flex items-center gap-3 text-sm">
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
