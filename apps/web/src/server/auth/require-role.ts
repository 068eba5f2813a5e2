// Server-side authorization for route handlers and server components: 401 without a session, 403 when
// the user's role in the organisation is below `minimum`.
import 'server-only';
import { AppError } from '@suture/core';
import type { Role } from '@suture/db';
import { webEnv } from '../env.ts';
import { decideAccess } from './decide-access.ts';
import { getCurrentUser } from './get-current-user.ts';

export type RequireRoleOptions = { request?: Request; minimum: Role; organizationId?: string };

export const requireRole = async ({ request, minimum, organizationId }: RequireRoleOptions) => {
  const user = await getCurrentUser(request ? { request } : {});
  if (!user) throw new AppError('UNAUTHORIZED', 'sign in first');
  const membership = decideAccess({
    memberships: user.memberships,
    minimum,
    defaultOrganizationSlug: webEnv().SUTURE_DEFAULT_ORG,
    ...(organizationId ? { organizationId } : {}),
  });
  return { user, membership };
};
