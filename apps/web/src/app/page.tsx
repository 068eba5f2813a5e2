import { AccessDenied } from '@/components/access-denied.tsx';
import { OverviewDashboard } from '@/components/overview/overview-dashboard.tsx';
import { SystemHealth } from '@/components/system-health.tsx';
import { requirePageRole } from '@/server/auth/require-page-role.ts';
import { computeOverview, OverviewQuery } from '@/server/dashboard/compute-overview.ts';

export const dynamic = 'force-dynamic';

type PageProps = { searchParams: Promise<Record<string, string | undefined>> };

export default async function OverviewPage({ searchParams }: PageProps) {
  const params = await searchParams;
  const access = await requirePageRole({ minimum: 'viewer', path: '/', orgSlug: params.org });
  if (!access.ok) return <AccessDenied title="Overview" message={access.message} />;
  const parsed = OverviewQuery.safeParse(params);
  const query = parsed.success ? parsed.data : OverviewQuery.parse({});
  const initial = await computeOverview({ organizationId: access.scope.membership.organizationId, query });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          How many red builds Suture turned green, how fast, and how often its diagnoses were right.
        </p>
      </div>
      <OverviewDashboard initial={initial} />
      <SystemHealth />
    </div>
  );
}
