// Login on real pieces: the built dashboard (next-auth), the local OpenID Provider over HTTP, and a
// temporary migrated Postgres. Each seeded role logs in through the authorization-code flow; the test
// then checks the session cookie against /api/auth/me, and what next-auth left in the database.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { seedRoleUsers, seededRoles } from '../../../scripts/oidc/seed-role-users.ts';
import type { LocalOidcProvider } from '../../../scripts/oidc/start-local-oidc-provider.ts';
import { logInWithOidc } from './oidc/log-in-with-oidc.ts';
import { startAppWithOidc, type AppWithOidc } from './oidc/start-app-with-oidc.ts';
import type { WebServer } from './start-web-server.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const password = randomBytes(12).toString('base64url');
const users = seedRoleUsers({ password });

let temp: TemporaryDatabase;
let db: Database;
let web: WebServer;
let oidc: LocalOidcProvider;
let app: AppWithOidc;

type Me = {
  user: { id: string; email: string };
  memberships: { organizationId: string; organizationSlug: string; role: string }[];
};

const me = (sessionToken?: string, query = '') =>
  fetch(`${web.baseUrl}/api/auth/me${query}`, {
    headers: sessionToken ? { cookie: `next-auth.session-token=${sessionToken}` } : {},
  });

const logIn = async (email: string) => {
  const result = await logInWithOidc({ baseUrl: web.baseUrl, email, password });
  expect(
    result.sessionToken,
    `no session cookie; stopped at ${result.finalUrl}\n${web.output().slice(-3000)}`,
  ).toBeTruthy();
  // The flow is the authorization-code flow with PKCE and the groups scope, as a browser would run it.
  const authorize = new URL(result.authorizeUrl);
  expect(authorize.origin).toBe(oidc.issuer);
  expect(authorize.searchParams.get('response_type')).toBe('code');
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('scope')?.split(' ')).toContain('groups');
  // Every sign-in ends on /login/continue, which navigates on to the target (redirect-after-sign-in.ts).
  expect(result.finalUrl).toBe(`${web.baseUrl}/login/continue?to=%2F`);
  return result.sessionToken!;
};

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 2 });
  app = await startAppWithOidc({
    env: { DATABASE_URL: temp.url, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS },
    users,
  });
  web = app.web;
  oidc = app.oidc;
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await db?.$disconnect();
  await temp?.drop();
});

describe('login through the local OpenID Provider', () => {
  it('answers 401 on /api/auth/me without a session or with an unknown one', async () => {
    expect((await me()).status).toBe(401);
    expect((await me(undefined, '?minimum=viewer')).status).toBe(401);
    expect((await me('not-a-session')).status).toBe(401);
    expect((await me('%E0%A4%A')).status).toBe(401);
    const body = (await (await me()).json()) as { error: string };
    expect(body.error).toBe('UNAUTHORIZED');
  });

  it.each(seededRoles.map((role) => [role]))(
    'logs in as %s and gets that role from the groups claim',
    async (role) => {
      const user = users.find((u) => u.groups.includes(role))!;
      const sessionToken = await logIn(user.email);

      const response = await me(sessionToken);
      expect(response.status).toBe(200);
      const body = (await response.json()) as Me;
      expect(body.user.email).toBe(user.email);
      expect(body.memberships).toEqual([expect.objectContaining({ organizationSlug: 'default', role })]);

      const session = await db.session.findUnique({ where: { sessionToken }, include: { user: true } });
      expect(session?.user.email).toBe(user.email);
      expect(session!.expires.getTime()).toBeGreaterThan(Date.now());
      const accounts = await db.account.findMany({ where: { userId: session!.userId } });
      expect(accounts).toHaveLength(1);
      expect(accounts[0]).toMatchObject({
        provider: 'oidc',
        providerAccountId: user.sub,
        access_token: null,
        refresh_token: null,
        id_token: null,
      });
      const membership = await db.membership.findFirstOrThrow({ where: { userId: session!.userId } });
      expect(membership).toMatchObject({ role, fromGroupClaim: true });

      // requireRole on the server: allowed at and below the user's role, 403 above it.
      const rank = seededRoles.length - 1 - seededRoles.indexOf(role);
      for (const [i, minimum] of [...seededRoles].reverse().entries()) {
        const status = (await me(sessionToken, `?minimum=${minimum}`)).status;
        expect(status, `${role} asking for ${minimum}`).toBe(i <= rank ? 200 : 403);
      }
      expect((await me(undefined, `?minimum=${role}`)).status).toBe(401);
    },
  );

  it('re-syncs the role from the groups claim on every login', async () => {
    const user = users.find((u) => u.email.startsWith('viewer@'))!;
    const original = [...user.groups];
    try {
      user.groups = ['approver', 'not-a-suture-group', 'viewer'];
      const promoted = await logIn(user.email);
      expect(((await (await me(promoted)).json()) as Me).memberships.map((m) => m.role)).toEqual([
        'approver',
      ]);
      expect((await me(promoted, '?minimum=approver')).status).toBe(200);

      user.groups = ['not-a-suture-group'];
      const demoted = await logIn(user.email);
      expect(((await (await me(demoted)).json()) as Me).memberships).toEqual([]);
      expect((await me(demoted, '?minimum=viewer')).status).toBe(403);
      // Roles are read per request, so the earlier session loses its access too.
      expect((await me(promoted, '?minimum=approver')).status).toBe(403);
    } finally {
      user.groups = original;
    }
  });

  it('refuses a wrong password on the provider and issues no session', async () => {
    const sessionsBefore = await db.session.count();
    const result = await logInWithOidc({
      baseUrl: web.baseUrl,
      email: 'owner@suture.local',
      password: 'wrong',
    });
    expect(result.sessionToken).toBeUndefined();
    expect(result.loginPage).toMatch(/<label for="email">Email<\/label>/);
    expect(result.loginPage).toMatch(/<label for="password">Password<\/label>/);
    expect(result.finalStatus).toBe(401);
    expect(result.finalBody).toContain('Unknown email or wrong password.');
    expect(await db.session.count()).toBe(sessionsBefore);
  });

  it('serves the sign-in page with the SSO button', async () => {
    const response = await fetch(`${web.baseUrl}/login`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Sign in with SSO');
  });
});
