// Settings > Members (admins and above).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { listMembers } from '@/server/dashboard/manage-members.ts';
import { handleRoute, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request) => {
  const { membership } = await requireOrgRole({
    request,
    minimum: 'admin',
    orgSlug: searchParamsOf(request).get('org'),
  });
  return NextResponse.json({ members: await listMembers({ organizationId: membership.organizationId }) });
});
