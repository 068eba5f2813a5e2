// Dashboard scope: the organisation a page or API call works on, picked by slug (`?org=`) among the
// user's memberships, the default organisation otherwise. Throws 401/403 like requireRole.
import 'server-only';
import { AppError } from '@suture/core';
import type { Role } from '@suture/db';
import { webEnv } from '../env.ts';
import { decideAccess, type AccessMembership } from './decide-access.ts';
import { getCurrentUser, type CurrentUser } from './get-current-user.ts';
import { readCookie } from './read-cookie.ts';

export const ORG_COOKIE = 'suture-org';

const preferredOrganization = async (request?: Request) => {
  const value = await readCookie({ request, name: ORG_COOKIE });
  return value && /^[a-z0-9-]{1,100}$/.test(value) ? value : undefined;
};

export type OrgScope = { user: CurrentUser; membership: AccessMembership };

export type RequireOrgRoleOptions = { request?: Request; minimum: Role; orgSlug?: string | null };

export const requireOrgRole = async ({
  request,
  minimum,
  orgSlug,
}: RequireOrgRoleOptions): Promise<OrgScope> => {
  const user = await getCurrentUser(request ? { request } : {});
  if (!user) throw new AppError('UNAUTHORIZED', 'sign in first');
  const defaultSlug = webEnv().SUTURE_DEFAULT_ORG;
  // The organisation switcher's choice is a preference cookie; membership is still checked below.
  const preferred = await preferredOrganization(request);
  // Without an explicit choice, a user who is not in the default organisation works in their first one.
  const slug =
    orgSlug ??
    (preferred && user.memberships.some((m) => m.organizationSlug === preferred) ? preferred : undefined) ??
    (user.memberships.some((m) => m.organizationSlug === defaultSlug)
      ? defaultSlug
      : user.memberships[0]?.organizationSlug);
  const chosen = user.memberships.find((m) => m.organizationSlug === slug);
  const membership = decideAccess({
    memberships: user.memberships,
    minimum,
    defaultOrganizationSlug: slug ?? defaultSlug,
    ...(chosen ? { organizationId: chosen.organizationId } : {}),
  });
  return { user, membership };
};
