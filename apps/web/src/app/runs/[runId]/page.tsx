import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isAppError } from '@suture/core';
import { AccessDenied } from '@/components/access-denied.tsx';
import { RunDetailView } from '@/components/runs/run-detail-view.tsx';
import { isRoleAtLeast } from '@/server/auth/compare-roles.ts';
import { requirePageRole } from '@/server/auth/require-page-role.ts';
import { getRunDetail } from '@/server/dashboard/get-run-detail.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Run - Suture' };

type PageProps = {
  params: Promise<{ runId: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
};

export default async function RunPage({ params, searchParams }: PageProps) {
  const { runId } = await params;
  const { org } = await searchParams;
  const access = await requirePageRole({ minimum: 'viewer', path: `/runs/${runId}`, orgSlug: org });
  if (!access.ok) return <AccessDenied title="Run" message={access.message} />;
  const { user, membership } = access.scope;
  const run = await getRunDetail({ runId, organizationId: membership.organizationId }).catch(
    (error: unknown) => {
      if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
      throw error;
    },
  );
  const approver = isRoleAtLeast({ role: membership.role, minimum: 'approver' });
  return (
    <RunDetailView
      initial={run}
      canReview={approver}
      canDecide={approver}
      currentUserEmail={user.email?.toLowerCase() ?? null}
    />
  );
}
