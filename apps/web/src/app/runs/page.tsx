import type { Metadata } from 'next';
import { AccessDenied } from '@/components/access-denied.tsx';
import { RunsTable } from '@/components/runs/runs-table.tsx';
import { ErrorState } from '@/components/ui/states.tsx';
import { requirePageRole } from '@/server/auth/require-page-role.ts';
import { listRuns, RunsQuery } from '@/server/dashboard/list-runs.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Runs - Suture' };

type PageProps = { searchParams: Promise<Record<string, string | undefined>> };

export default async function RunsPage({ searchParams }: PageProps) {
  const params = await searchParams;
  const access = await requirePageRole({ minimum: 'viewer', path: '/runs', orgSlug: params.org });
  if (!access.ok) return <AccessDenied title="Runs" message={access.message} />;
  const parsed = RunsQuery.safeParse(params);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Runs</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Every failed CI run Suture picked up, newest first. The table refreshes while you watch.
        </p>
      </div>
      {parsed.success ? (
        <RunsTable
          initial={await listRuns({
            organizationId: access.scope.membership.organizationId,
            query: parsed.data,
          })}
          initialQuery={parsed.data}
        />
      ) : (
        <ErrorState
          title="Those filters are not valid"
          message={parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}
        />
      )}
    </div>
  );
}
