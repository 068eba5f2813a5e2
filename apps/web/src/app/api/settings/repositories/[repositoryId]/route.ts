// Enable or disable healing for a repository (admins and above).
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { RepositoryUpdateInput, updateRepository } from '@/server/dashboard/manage-repositories.ts';
import { parseQuery } from '@/server/dashboard/parse-query.ts';
import { handleRoute, readJsonBody, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const PATCH = handleRoute(
  async (request: Request, context: { params: Promise<{ repositoryId: string }> }) => {
    const { user, membership } = await requireOrgRole({
      request,
      minimum: 'admin',
      orgSlug: searchParamsOf(request).get('org'),
    });
    const input = parseQuery(RepositoryUpdateInput, await readJsonBody(request, 1024));
    const { repositoryId } = await context.params;
    return NextResponse.json(
      await updateRepository({
        organizationId: membership.organizationId,
        repositoryId,
        actorId: user.id,
        input,
      }),
    );
  },
);
