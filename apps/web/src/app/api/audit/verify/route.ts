// The audit hash chain's verification status (admins and above).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { checkAuditChain } from '@/server/dashboard/check-audit-chain.ts';
import { handleRoute, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request) => {
  await requireOrgRole({ request, minimum: 'admin', orgSlug: searchParamsOf(request).get('org') });
  return NextResponse.json(await checkAuditChain());
});
