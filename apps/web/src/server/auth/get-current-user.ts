// The signed-in user and their memberships, read straight from the database session next-auth wrote.
// A direct lookup (not getServerSession) so route handlers can pass their Request, and so every call
// sees current roles rather than whatever a cached session object held.
import 'server-only';
import { headers } from 'next/headers';
import { cache } from 'react';
import { db } from '../db.ts';
import { webSecurityEnv } from '../env.ts';
import { findDashboardOrigins, isHttpsDashboard } from '../security/find-dashboard-origins.ts';
import { requireSameOriginWrite } from '../security/require-same-origin-write.ts';
import type { AccessMembership } from './decide-access.ts';
import { readCookie } from './read-cookie.ts';
import { sessionCookie } from './session-cookie.ts';

export type CurrentUser = {
  id: string;
  email: string | null;
  name: string | null;
  memberships: AccessMembership[];
};

// Only the name next-auth writes for this dashboard's scheme. On https that is the `__Secure-` one,
// which only an https response can set: a plain-named cookie tossed in by a page on an http port of the
// same host (cookies are not isolated by port or, without Secure, by scheme) is ignored, so it cannot
// sign the user into someone else's session.
const sessionToken = async (request?: Request) => {
  const requestHeaders = request?.headers ?? (await headers());
  const secure = isHttpsDashboard(findDashboardOrigins({ env: webSecurityEnv(), headers: requestHeaders }));
  return readCookie({ request, name: sessionCookie({ secure }).name });
};

export type GetCurrentUserOptions = { request?: Request };

const lookUpUser = async (request?: Request): Promise<CurrentUser | null> => {
  // CSRF: checked before the cookie is even read (see require-same-origin-write.ts).
  if (request) requireSameOriginWrite({ request });
  const token = await sessionToken(request);
  if (!token) return null;
  const session = await db().session.findUnique({
    where: { sessionToken: token },
    select: {
      expires: true,
      user: {
        select: {
          id: true,
          email: true,
          name: true,
          memberships: {
            select: { role: true, organization: { select: { id: true, slug: true } } },
            orderBy: { createdAt: 'asc' },
          },
        },
      },
    },
  });
  if (!session || session.expires.getTime() <= Date.now()) return null;
  const { user } = session;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    memberships: user.memberships.map((m) => ({
      organizationId: m.organization.id,
      organizationSlug: m.organization.slug,
      role: m.role,
    })),
  };
};

// A page render asks several times (header, page, data); React's cache makes that one lookup per render.
const userOfThisRender = cache(() => lookUpUser());

export const getCurrentUser = ({ request }: GetCurrentUserOptions = {}): Promise<CurrentUser | null> =>
  request ? lookUpUser(request) : userOfThisRender();
