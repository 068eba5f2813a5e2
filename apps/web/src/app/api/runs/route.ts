// The Runs table's data: filters and pagination (viewers and above).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { listRuns, RunsQuery } from '@/server/dashboard/list-runs.ts';
import { parseQuery } from '@/server/dashboard/parse-query.ts';
import { handleRoute, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request) => {
  const params = searchParamsOf(request);
  const { membership } = await requireOrgRole({ request, minimum: 'viewer', orgSlug: params.get('org') });
  const query = parseQuery(RunsQuery, params);
  return NextResponse.json(await listRuns({ organizationId: membership.organizationId, query }));
});
