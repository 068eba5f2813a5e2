// The approval queue (approvers and above).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { listApprovalQueue } from '@/server/dashboard/list-approval-queue.ts';
import { handleRoute, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request) => {
  const { user, membership } = await requireOrgRole({
    request,
    minimum: 'approver',
    orgSlug: searchParamsOf(request).get('org'),
  });
  return NextResponse.json({
    runs: await listApprovalQueue({
      organizationId: membership.organizationId,
      userId: user.id,
      userEmail: user.email,
    }),
  });
});
