// The organisation's policy: everyone may read it (it explains why runs wait); admins save new versions.
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { getActivePolicy, PolicyUpdateInput, savePolicy } from '@/server/dashboard/manage-policy.ts';
import { parseQuery } from '@/server/dashboard/parse-query.ts';
import { handleRoute, readJsonBody, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request) => {
  const { membership } = await requireOrgRole({
    request,
    minimum: 'viewer',
    orgSlug: searchParamsOf(request).get('org'),
  });
  return NextResponse.json(await getActivePolicy({ organizationId: membership.organizationId }));
});

export const PUT = handleRoute(async (request: Request) => {
  const { user, membership } = await requireOrgRole({
    request,
    minimum: 'admin',
    orgSlug: searchParamsOf(request).get('org'),
  });
  const input = parseQuery(PolicyUpdateInput, await readJsonBody(request, 64 * 1024));
  return NextResponse.json(
    await savePolicy({ organizationId: membership.organizationId, actorId: user.id, input }),
  );
});
