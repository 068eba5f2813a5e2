// The signed-in user and their memberships, read straight from the database session next-auth wrote.
// A direct lookup (not getServerSession) so route handlers can pass their Request, and so every call
// sees current roles rather than whatever a cached session object held.
import 'server-only';
import { cookies } from 'next/headers';
import { db } from '../db.ts';
import type { AccessMembership } from './decide-access.ts';

export type CurrentUser = {
  id: string;
  email: string | null;
  name: string | null;
  memberships: AccessMembership[];
};

// next-auth names the cookie with the __Secure- prefix on https. Browsers only accept that prefix over
// https, so reading either name is safe.
const SESSION_COOKIES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

const readCookieHeader = (header: string | null, name: string) => {
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0 || part.slice(0, index).trim() !== name) continue;
    try {
      return decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A malformed cookie is no session (401), not a server error.
      return undefined;
    }
  }
  return undefined;
};

const sessionToken = async (request?: Request) => {
  if (request) {
    const header = request.headers.get('cookie');
    return SESSION_COOKIES.map((name) => readCookieHeader(header, name)).find(Boolean);
  }
  const jar = await cookies();
  return SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
};

export type GetCurrentUserOptions = { request?: Request };

export const getCurrentUser = async ({
  request,
}: GetCurrentUserOptions = {}): Promise<CurrentUser | null> => {
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
