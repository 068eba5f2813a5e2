// Audit search (admins and above).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { parseQuery } from '@/server/dashboard/parse-query.ts';
import { AuditQuery, searchAuditEvents } from '@/server/dashboard/search-audit-events.ts';
import { handleRoute, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request) => {
  const params = searchParamsOf(request);
  const { membership } = await requireOrgRole({ request, minimum: 'admin', orgSlug: params.get('org') });
  const query = parseQuery(AuditQuery, params);
  return NextResponse.json(await searchAuditEvents({ organizationId: membership.organizationId, query }));
});
