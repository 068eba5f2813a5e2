// One run with everything the Run detail page shows (viewers and above).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { getRunDetail } from '@/server/dashboard/get-run-detail.ts';
import { handleRoute, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request, context: { params: Promise<{ runId: string }> }) => {
  const { membership } = await requireOrgRole({
    request,
    minimum: 'viewer',
    orgSlug: searchParamsOf(request).get('org'),
  });
  const { runId } = await context.params;
  return NextResponse.json(await getRunDetail({ runId, organizationId: membership.organizationId }));
});
