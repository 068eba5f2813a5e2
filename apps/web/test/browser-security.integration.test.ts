// The CSRF rule and the security headers on the real app (`next start`, its proxy, Postgres, a local
// OpenID Provider), without a browser: what the proxy answers for each kind of write, that refused
// writes change nothing, that machine routes and next-auth's own endpoints keep working without an
// Origin, and the headers on pages, API answers, 404s and refusals. The Chromium side (a real page on
// another port) is e2e/browser-security.spec.ts.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { seedRoleUsers } from '../../../scripts/oidc/seed-role-users.ts';
import { logInWithOidc } from './oidc/log-in-with-oidc.ts';
import { startAppWithOidc, type AppWithOidc } from './oidc/start-app-with-oidc.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const password = randomBytes(12).toString('base64url');
const apiToken = randomBytes(24).toString('base64url');

let temp: TemporaryDatabase;
let db: Database;
let app: AppWithOidc;
let admin = '';

const policy = { maxAutoOpenRisk: 30, requiredApprovals: 1, protectedPaths: [], protectedBranches: [] };

/** PUT /api/settings/policy as the admin with exactly these headers (the cookie added). */
const putPolicy = (headers: Record<string, string>, body: string = JSON.stringify(policy)) =>
  fetch(`${app.web.baseUrl}/api/settings/policy`, {
    method: 'PUT',
    headers: { ...headers, cookie: `next-auth.session-token=${admin}` },
    body,
  });

const answer = async (response: Response) => ({
  status: response.status,
  body: (await response.json()) as { error: string; message: string },
});

const versions = () => db.policyVersion.count();

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 2 });
  app = await startAppWithOidc({
    env: {
      DATABASE_URL: temp.url,
      TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
      SUTURE_API_TOKEN: apiToken,
      GITHUB_WEBHOOK_SECRET: randomBytes(24).toString('hex'),
    },
    users: seedRoleUsers({ password }),
  });
  const login = await logInWithOidc({ baseUrl: app.web.baseUrl, email: 'admin@suture.local', password });
  expect(
    login.sessionToken,
    `login failed at ${login.finalUrl}\n${app.web.output().slice(-3000)}`,
  ).toBeTruthy();
  admin = login.sessionToken!;
}, 300_000);

afterAll(async () => {
  await app?.stop();
  await db?.$disconnect();
  await temp?.drop();
});

describe('state-changing requests with the session cookie', () => {
  it('go through from the dashboard origin with a JSON body (Origin, or Sec-Fetch-Site alone)', async () => {
    const before = await versions();
    const byOrigin = await putPolicy({ origin: app.web.baseUrl, 'content-type': 'application/json' });
    expect(byOrigin.status, await byOrigin.clone().text()).toBe(200);
    const byFetchMetadata = await putPolicy({
      'sec-fetch-site': 'same-origin',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(byFetchMetadata.status).toBe(200);
    expect(await versions()).toBe(before + 2);
  });

  it('are refused with 415 when the body is not declared JSON, even from the dashboard origin', async () => {
    const before = await versions();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const refused = await answer(
        await putPolicy({ origin: app.web.baseUrl, ...(type ? { 'content-type': type } : {}) }),
      );
      expect(refused, String(type)).toMatchObject({ status: 415, body: { error: 'UNSUPPORTED_MEDIA_TYPE' } });
      expect(refused.body.message).toMatch(/send Content-Type: application\/json/);
    }
    expect(await versions()).toBe(before);
  });

  it('are refused with 403 from another origin, from no origin, or with cross-site fetch metadata', async () => {
    const before = await versions();
    const json = { 'content-type': 'application/json' };
    const otherPort = new URL(app.web.baseUrl);
    otherPort.port = String(Number(otherPort.port) + 1);
    for (const headers of [
      { ...json, origin: otherPort.origin },
      { ...json, origin: 'http://localhost:' + new URL(app.web.baseUrl).port },
      { ...json, origin: 'null' },
      json,
      { ...json, 'sec-fetch-site': 'same-site' },
      { ...json, origin: app.web.baseUrl, 'sec-fetch-site': 'cross-site' },
    ]) {
      const refused = await answer(await putPolicy(headers));
      expect(refused, JSON.stringify(headers)).toMatchObject({ status: 403, body: { error: 'FORBIDDEN' } });
      expect(refused.body.message).toMatch(/^cross-origin request refused: /);
    }
    expect(await versions()).toBe(before);
  });

  it('are refused on every cookie route, before the route runs', async () => {
    const auditBefore = await db.auditEvent.count();
    for (const [method, path] of [
      ['POST', '/api/runs/some-run/decision'],
      ['POST', '/api/runs/some-run/feedback'],
      ['POST', '/api/runs/some-run/cancel'],
      ['PUT', '/api/settings/policy'],
      ['PATCH', '/api/settings/members/some-member'],
      ['PATCH', '/api/settings/repositories/some-repo'],
      ['DELETE', '/api/runs/some-run'],
      ['POST', '/api/a-route-added-later'],
    ] as const) {
      const response = await fetch(`${app.web.baseUrl}${path}`, {
        method,
        headers: {
          cookie: `next-auth.session-token=${admin}`,
          'content-type': 'text/plain',
          origin: 'http://127.0.0.1:1',
        },
        body: '{"decision":"approve","reason":"forged"}',
      });
      expect(response.status, `${method} ${path}`).toBe(403);
    }
    expect(await db.approval.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });
});

describe('routes a browser cookie cannot authorise keep working for non-browser clients', () => {
  it('the machine API (bearer token) and the GitHub webhook answer on their own terms without an Origin', async () => {
    const ingest = await fetch(`${app.web.baseUrl}/api/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ingest.status).toBe(400);
    const replay = await fetch(`${app.web.baseUrl}/api/github/deliveries/no-such-delivery/replay`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}` },
    });
    expect(replay.status).toBe(404);
    const webhook = await fetch(`${app.web.baseUrl}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': 'delivery-1',
        'x-hub-signature-256': 'sha256=00',
      },
      body: '{}',
    });
    expect(webhook.status).toBe(401);
  });

  it("next-auth's endpoints keep their own CSRF token: sign-out without it leaves the session", async () => {
    const login = await logInWithOidc({ baseUrl: app.web.baseUrl, email: 'approver@suture.local', password });
    const session = login.sessionToken!;
    const cookie = login.jar.header(app.web.baseUrl);
    const me = () =>
      fetch(`${app.web.baseUrl}/api/me`, { headers: { cookie: `next-auth.session-token=${session}` } });
    expect((await me()).status).toBe(200);
    const signOut = (fields: Record<string, string>) =>
      fetch(`${app.web.baseUrl}/api/auth/signout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
    await signOut({ callbackUrl: '/' });
    expect((await me()).status).toBe(200);
    const { csrfToken } = (await (
      await fetch(`${app.web.baseUrl}/api/auth/csrf`, { headers: { cookie } })
    ).json()) as { csrfToken: string };
    await signOut({ csrfToken, callbackUrl: '/' });
    expect((await me()).status).toBe(401);
  });
});

describe('the session cookie', () => {
  it("is read under the name of the dashboard's scheme only: a plain-named cookie is ignored on https", async () => {
    // AUTH_TRUST_HOST: X-Forwarded-Proto says whether this request reached the dashboard over https.
    const me = (cookie: string, proto: string) =>
      fetch(`${app.web.baseUrl}/api/me`, { headers: { cookie, 'x-forwarded-proto': proto } });
    expect((await me(`next-auth.session-token=${admin}`, 'http')).status).toBe(200);
    expect((await me(`__Secure-next-auth.session-token=${admin}`, 'https')).status).toBe(200);
    // What a page on an http port of the same host can toss in, next to (or instead of) the real one.
    expect((await me(`next-auth.session-token=${admin}`, 'https')).status).toBe(401);
    expect((await me(`__Secure-next-auth.session-token=${admin}`, 'http')).status).toBe(401);
  });
});

describe('security headers', () => {
  it('are on pages, API answers, 404s and refusals', async () => {
    const base = app.web.baseUrl;
    const responses = await Promise.all([
      fetch(`${base}/login`),
      fetch(`${base}/api/health`),
      fetch(`${base}/api/no-such-route`),
      fetch(`${base}/no-such-page`),
      fetch(`${base}/api/settings/policy`, { method: 'PUT', body: '{}' }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([200, expect.any(Number), 404, 404, 403]);
    const nonces = new Set<string>();
    for (const response of responses) {
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, response.url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{24}' 'strict-dynamic'/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      nonces.add(/'nonce-([^']+)'/.exec(csp)![1]!);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('permissions-policy')).toContain('camera=()');
    }
    // A nonce per response, and the page's scripts carry its own.
    expect(nonces.size).toBe(responses.length);
    const html = await responses[0].text();
    const nonce = /'nonce-([^']+)'/.exec(responses[0].headers.get('content-security-policy')!)![1]!;
    expect(html).toContain(`nonce="${nonce}"`);
  });
});
