import type { Metadata } from 'next';
import { AccessDenied } from '@/components/access-denied.tsx';
import { ApprovalQueue } from '@/components/approvals/approval-queue.tsx';
import { requirePageRole } from '@/server/auth/require-page-role.ts';
import { listApprovalQueue } from '@/server/dashboard/list-approval-queue.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Approvals - Suture' };

type PageProps = { searchParams: Promise<Record<string, string | undefined>> };

export default async function ApprovalsPage({ searchParams }: PageProps) {
  const { org } = await searchParams;
  const access = await requirePageRole({ minimum: 'approver', path: '/approvals', orgSlug: org });
  if (!access.ok) return <AccessDenied title="Approvals" message={access.message} />;
  const { user, membership } = access.scope;
  const runs = await listApprovalQueue({
    organizationId: membership.organizationId,
    userId: user.id,
    userEmail: user.email,
  });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Approvals</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          Proven patches waiting for a human. Approving opens the pull request (or creates the fix branch for
          a local repository); rejecting ends the run. Both need a reason.
        </p>
      </div>
      <ApprovalQueue initial={runs} />
    </div>
  );
}
