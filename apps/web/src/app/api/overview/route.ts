// KPIs and chart series for the Overview page (viewers and above).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { computeOverview, OverviewQuery } from '@/server/dashboard/compute-overview.ts';
import { parseQuery } from '@/server/dashboard/parse-query.ts';
import { handleRoute, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request) => {
  const params = searchParamsOf(request);
  const { membership } = await requireOrgRole({ request, minimum: 'viewer', orgSlug: params.get('org') });
  const query = parseQuery(OverviewQuery, params);
  return NextResponse.json(await computeOverview({ organizationId: membership.organizationId, query }));
});
