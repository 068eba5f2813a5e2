import type { Metadata } from 'next';
import { AccessDenied } from '@/components/access-denied.tsx';
import { AuditBrowser } from '@/components/audit/audit-browser.tsx';
import { requirePageRole } from '@/server/auth/require-page-role.ts';
import { checkAuditChain } from '@/server/dashboard/check-audit-chain.ts';
import { AuditQuery, searchAuditEvents } from '@/server/dashboard/search-audit-events.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit - Suture' };

type PageProps = { searchParams: Promise<Record<string, string | undefined>> };

export default async function AuditPage({ searchParams }: PageProps) {
  const params = await searchParams;
  const access = await requirePageRole({ minimum: 'admin', path: '/audit', orgSlug: params.org });
  if (!access.ok) return <AccessDenied title="Audit" message={access.message} />;
  const parsed = AuditQuery.safeParse(params);
  const query = parsed.success ? parsed.data : AuditQuery.parse({});
  const [events, chain] = await Promise.all([
    searchAuditEvents({ organizationId: access.scope.membership.organizationId, query }),
    checkAuditChain(),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Every decision, policy change and run transition, append-only and hash-chained.
        </p>
      </div>
      <AuditBrowser initialEvents={events} initialChain={chain} />
    </div>
  );
}
