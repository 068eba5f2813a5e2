// Change a member's role (admins; only owners grant or remove owner).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { MemberRoleInput, updateMemberRole } from '@/server/dashboard/manage-members.ts';
import { parseQuery } from '@/server/dashboard/parse-query.ts';
import { handleRoute, readJsonBody, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const PATCH = handleRoute(
  async (request: Request, context: { params: Promise<{ membershipId: string }> }) => {
    const { user, membership } = await requireOrgRole({
      request,
      minimum: 'admin',
      orgSlug: searchParamsOf(request).get('org'),
    });
    const input = parseQuery(MemberRoleInput, await readJsonBody(request, 1024));
    const { membershipId } = await context.params;
    return NextResponse.json(
      await updateMemberRole({
        organizationId: membership.organizationId,
        membershipId,
        actor: { userId: user.id, role: membership.role },
        input,
      }),
    );
  },
);
