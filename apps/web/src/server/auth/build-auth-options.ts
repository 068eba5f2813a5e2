// next-auth's configuration, built from the validated environment: one OIDC provider, database
// sessions through our adapter, and the groups claim synced to a role on every login.
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { AppError } from '@suture/core';
import { db } from '../db.ts';
import { webEnv } from '../env.ts';
import { createPrismaAdapter } from './create-prisma-adapter.ts';
import { mapGroupsToOrgRoles } from './map-groups-to-org-roles.ts';
import { defaultRoleMapping } from './map-groups-to-role.ts';
import { redirectAfterSignIn } from './redirect-after-sign-in.ts';
import { sessionCookie } from './session-cookie.ts';
import { syncGroupMembership } from './sync-group-membership.ts';

type OidcProfile = { sub: string; email?: string; name?: string } & Record<string, unknown>;
/** What our profile() returns; next-auth hands it back to events.signIn. */
type SutureProfile = { id: string; email: string | null; name: string | null; image: null; groups: unknown };

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// next-auth's state, PKCE, nonce and callback-URL cookies keep their Lax default: the OIDC callback is
// a cross-site navigation that must carry them. The session cookie is Strict (session-cookie.ts).
const cached = new Map<boolean, NextAuthOptions>();

export type BuildAuthOptionsOptions = {
  /** The dashboard is served over https (as next-auth decides from NEXTAUTH_URL or the request). */
  secureCookies: boolean;
};

/** Throws UNAVAILABLE (503) while sign-in is not configured, so the rest of the dashboard still runs. */
export const buildAuthOptions = ({ secureCookies }: BuildAuthOptionsOptions): NextAuthOptions => {
  const existing = cached.get(secureCookies);
  if (existing) return existing;
  const env = webEnv();
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer || !clientId || !clientSecret || !env.NEXTAUTH_SECRET)
    throw new AppError(
      'UNAVAILABLE',
      'sign-in is disabled: set OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and NEXTAUTH_SECRET',
    );
  const mapping = env.OIDC_ROLE_MAPPING ?? defaultRoleMapping;
  const groupsClaim = env.OIDC_GROUPS_CLAIM;
  const database = db();
  const provider: OAuthConfig<OidcProfile> = {
    id: 'oidc',
    name: 'SSO',
    type: 'oauth',
    issuer,
    wellKnown: `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: 'openid email profile groups' } },
    // Claims (the groups above all) come from the verified ID token; no userinfo round trip.
    idToken: true,
    checks: ['pkce', 'state'],
    profile: (profile): SutureProfile => ({
      id: profile.sub,
      email: profile.email ?? null,
      name: profile.name ?? profile.email ?? null,
      image: null,
      groups: profile[groupsClaim],
    }),
  };
  const options: NextAuthOptions = {
    adapter: createPrismaAdapter({ db: database }),
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'database', maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureCookies,
    cookies: { sessionToken: sessionCookie({ secure: secureCookies }) },
    providers: [provider],
    pages: { signIn: '/login', error: '/login' },
    callbacks: {
      // Without an email there is no stable user row to attach memberships to.
      signIn: ({ user }) => Boolean(user.email),
      redirect: ({ url, baseUrl }) => redirectAfterSignIn({ url, baseUrl }),
    },
    events: {
      signIn: async ({ user, profile }) => {
        const roles = mapGroupsToOrgRoles({
          groups: (profile as SutureProfile | undefined)?.groups,
          mapping,
          defaultOrganizationSlug: env.SUTURE_DEFAULT_ORG,
        });
        try {
          // Organisations the claim granted before but no longer does lose their claim-derived membership.
          const claimed = await database.membership.findMany({
            where: { userId: user.id, fromGroupClaim: true },
            select: { organization: { select: { slug: true } } },
          });
          const slugs = new Set([
            env.SUTURE_DEFAULT_ORG,
            ...roles.keys(),
            ...claimed.map((m) => m.organization.slug),
          ]);
          for (const slug of slugs)
            await syncGroupMembership({
              db: database,
              userId: user.id,
              role: roles.get(slug) ?? null,
              organizationSlug: slug,
            });
        } catch (error) {
          // Fail closed: next-auth has already issued the session, and it must not outlive a stale role.
          await database.session.deleteMany({ where: { userId: user.id } });
          throw error;
        }
      },
    },
  };
  cached.set(secureCookies, options);
  return options;
};
