// The dashboard's API and pages on the real app: every route is tried without a session and as each
// role (401/403 decided on the server), then the behaviours behind them: filters, run detail, diagnosis
// feedback into the accuracy figure, members, repositories, policy versions, audit search and export.
import { randomBytes, randomUUID } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { seededRoles, seedRoleUsers } from '../../../scripts/oidc/seed-role-users.ts';
import { logInWithOidc } from './oidc/log-in-with-oidc.ts';
import { startAppWithOidc, type AppWithOidc } from './oidc/start-app-with-oidc.ts';
import { testEnv } from './test-env.ts';

type Role = (typeof seededRoles)[number];

const env = testEnv();
const password = randomBytes(12).toString('base64url');

let temp: TemporaryDatabase;
let db: Database;
let app: AppWithOidc;
const sessions = {} as Record<Role, string>;
let multiSession = '';
const ids = { run: '', otherOrgRun: '', repo: '', viewerMembership: '', ownerMembership: '' };

const call = (
  path: string,
  { as, method = 'GET', body }: { as?: Role; method?: string; body?: unknown } = {},
) =>
  fetch(`${app.web.baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      // As the dashboard's own pages send writes (the origin check is browser-security.integration's).
      origin: app.web.baseUrl,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(as ? { cookie: `next-auth.session-token=${sessions[as]}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

const json = async <T>(response: Response) => (await response.json()) as T;

/** A finished run with a diagnosis, a patch and audit events, written as the worker writes them. */
const seedRun = async ({
  organizationId,
  repositoryName,
  status,
  outcome,
  branch,
  category,
  createdAt = new Date(),
}: {
  organizationId: string;
  repositoryName: string;
  status: 'succeeded' | 'waiting_approval' | 'failed';
  outcome: 'branch_created' | 'refused' | null;
  branch: string;
  category: 'type_error' | 'lint_error' | 'test_failure';
  createdAt?: Date;
}) => {
  const repository = await db.repository.upsert({
    where: {
      organizationId_provider_fullName: { organizationId, provider: 'local', fullName: repositoryName },
    },
    update: {},
    create: {
      organizationId,
      provider: 'local',
      fullName: repositoryName,
      localPath: `/tmp/${randomUUID()}`,
    },
  });
  const failure = await db.failureEvent.create({
    data: {
      repositoryId: repository.id,
      providerRunId: randomUUID(),
      headSha: 'b'.repeat(40),
      branch,
      conclusion: 'failure',
      failedAt: new Date(createdAt.getTime() - 60_000),
    },
  });
  const run = await db.healingRun.create({
    data: {
      failureEventId: failure.id,
      repositoryId: repository.id,
      workflowId: `heal:test:${randomUUID()}`,
      status,
      stage: status === 'waiting_approval' ? 'approval' : 'done',
      outcome,
      failureCompletedAt: failure.failedAt,
      readyForApprovalAt: outcome === 'refused' ? null : createdAt,
      mttrReadyMs: outcome === 'refused' ? null : 45_000n,
      createdAt,
      stages: {
        create: [
          { stage: 'diagnose', status: 'succeeded', durationMs: 120, finishedAt: createdAt },
          { stage: 'patch', status: 'succeeded', durationMs: 2400, finishedAt: createdAt },
        ],
      },
      diagnoses: {
        create: {
          category,
          confidence: 0.9,
          summary: `${category} in src/index.ts`,
          rootCause: 'a renamed export',
          evidence: [{ start: 2, end: 3 }],
          files: [{ path: 'src/index.ts', line: 3 }],
          failingTests: [],
          engine: 'heuristic',
          durationMs: 120,
        },
      },
      patchAttempts: {
        create: {
          attempt: 1,
          strategy: 'ts_codefix',
          diff: '--- a/src/index.ts\n+++ b/src/index.ts\n@@ -1,1 +1,1 @@\n-import { slug } from "./s";\n+import { slugify } from "./s";\n',
          filesChanged: 1,
          linesAdded: 1,
          linesRemoved: 1,
          validationStatus: 'passed',
          riskScore: 12,
          riskReasons: [{ factor: 'lines_changed', points: 2, explanation: '2 lines' }],
          guardrailFindings: [],
          selected: true,
        },
      },
    },
  });
  return { run, repository };
};

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 2 });
  app = await startAppWithOidc({
    env: { DATABASE_URL: temp.url, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS },
    users: [
      ...seedRoleUsers({ password }),
      // A member of two organisations through `suture:<org>:<role>` groups.
      {
        sub: 'user-multi',
        email: 'multi@suture.local',
        name: 'Multi Org',
        groups: ['viewer', 'suture:other-org:approver'],
        password,
      },
    ],
  });
  for (const role of seededRoles) {
    const result = await logInWithOidc({ baseUrl: app.web.baseUrl, email: `${role}@suture.local`, password });
    expect(result.sessionToken, `login as ${role} failed at ${result.finalUrl}`).toBeTruthy();
    sessions[role] = result.sessionToken!;
  }
  const multi = await logInWithOidc({ baseUrl: app.web.baseUrl, email: 'multi@suture.local', password });
  multiSession = multi.sessionToken!;
  const org = await db.organization.findUniqueOrThrow({ where: { slug: 'default' } });
  const other = await db.organization.upsert({
    where: { slug: 'other-org' },
    update: {},
    create: { slug: 'other-org', name: 'Other' },
  });
  const first = await seedRun({
    organizationId: org.id,
    repositoryName: 'shop-api',
    status: 'succeeded',
    outcome: 'branch_created',
    branch: 'main',
    category: 'type_error',
  });
  await seedRun({
    organizationId: org.id,
    repositoryName: 'shop-web',
    status: 'waiting_approval',
    outcome: null,
    branch: 'feature/cart',
    category: 'lint_error',
  });
  await seedRun({
    organizationId: org.id,
    repositoryName: 'shop-web',
    status: 'failed',
    outcome: 'refused',
    branch: 'main',
    category: 'test_failure',
    createdAt: new Date(Date.now() - 3 * 86_400_000),
  });
  const foreign = await seedRun({
    organizationId: other.id,
    repositoryName: 'secret-repo',
    status: 'succeeded',
    outcome: 'branch_created',
    branch: 'main',
    category: 'type_error',
  });
  ids.run = first.run.id;
  ids.repo = first.repository.id;
  ids.otherOrgRun = foreign.run.id;
  const viewer = await db.user.findUniqueOrThrow({ where: { email: 'viewer@suture.local' } });
  const owner = await db.user.findUniqueOrThrow({ where: { email: 'owner@suture.local' } });
  ids.viewerMembership = (
    await db.membership.findFirstOrThrow({ where: { userId: viewer.id, organizationId: org.id } })
  ).id;
  ids.ownerMembership = (
    await db.membership.findFirstOrThrow({ where: { userId: owner.id, organizationId: org.id } })
  ).id;
}, 240_000);

afterAll(async () => {
  await app?.stop();
  await db?.$disconnect();
  await temp?.drop();
});

const today = () => new Date().toISOString().slice(0, 10);

describe('authorization, per route and role', () => {
  const routes: {
    name: string;
    minimum: Role;
    request: () => { path: string; method?: string; body?: unknown };
  }[] = [
    { name: 'GET /api/runs', minimum: 'viewer', request: () => ({ path: '/api/runs' }) },
    { name: 'GET /api/runs/{id}', minimum: 'viewer', request: () => ({ path: `/api/runs/${ids.run}` }) },
    {
      name: 'POST /api/runs/{id}/feedback',
      minimum: 'approver',
      request: () => ({
        path: `/api/runs/${ids.run}/feedback`,
        method: 'POST',
        body: { feedback: 'correct' },
      }),
    },
    { name: 'GET /api/overview', minimum: 'viewer', request: () => ({ path: '/api/overview' }) },
    { name: 'GET /api/approvals', minimum: 'approver', request: () => ({ path: '/api/approvals' }) },
    {
      name: 'GET /api/settings/members',
      minimum: 'admin',
      request: () => ({ path: '/api/settings/members' }),
    },
    {
      name: 'PATCH /api/settings/members/{id}',
      minimum: 'admin',
      request: () => ({
        path: `/api/settings/members/${ids.viewerMembership}`,
        method: 'PATCH',
        body: { role: 'viewer' },
      }),
    },
    {
      name: 'GET /api/settings/repositories',
      minimum: 'admin',
      request: () => ({ path: '/api/settings/repositories' }),
    },
    {
      name: 'PATCH /api/settings/repositories/{id}',
      minimum: 'admin',
      request: () => ({
        path: `/api/settings/repositories/${ids.repo}`,
        method: 'PATCH',
        body: { enabled: true },
      }),
    },
    {
      name: 'GET /api/settings/policy',
      minimum: 'viewer',
      request: () => ({ path: '/api/settings/policy' }),
    },
    {
      name: 'PUT /api/settings/policy',
      minimum: 'admin',
      request: () => ({
        path: '/api/settings/policy',
        method: 'PUT',
        body: {
          maxAutoOpenRisk: -1,
          requiredApprovals: 1,
          protectedPaths: ['.github/'],
          protectedBranches: [],
        },
      }),
    },
    { name: 'GET /api/audit', minimum: 'admin', request: () => ({ path: '/api/audit' }) },
    {
      name: 'GET /api/audit/export',
      minimum: 'admin',
      request: () => ({ path: `/api/audit/export?from=${today()}&to=${today()}` }),
    },
    { name: 'GET /api/audit/verify', minimum: 'admin', request: () => ({ path: '/api/audit/verify' }) },
  ];
  const rank = (role: Role) => ['viewer', 'approver', 'admin', 'owner'].indexOf(role);

  for (const route of routes) {
    it(`${route.name}: 401 anonymous, 403 below ${route.minimum}, 200 at or above`, async () => {
      const { path, method, body } = route.request();
      const anonymous = await call(path, { method: method ?? 'GET', body });
      expect(anonymous.status).toBe(401);
      expect(await json<{ error: string }>(anonymous)).toMatchObject({ error: 'UNAUTHORIZED' });
      for (const role of seededRoles) {
        const response = await call(path, { as: role, method: method ?? 'GET', body });
        const expected = rank(role) >= rank(route.minimum) ? 200 : 403;
        expect(response.status, `${route.name} as ${role}`).toBe(expected);
      }
    });
  }

  it('pages redirect anonymous visitors to sign-in and show access denied below their role', async () => {
    for (const page of ['/', '/runs', `/runs/${ids.run}`, '/approvals', '/settings', '/audit']) {
      const response = await call(page);
      expect(response.status, page).toBe(307);
      expect(response.headers.get('location'), page).toContain(
        `/login?callbackUrl=${encodeURIComponent(page)}`,
      );
    }
    const viewerAudit = await call('/audit', { as: 'viewer' });
    expect(viewerAudit.status).toBe(200);
    expect(await viewerAudit.text()).toContain('You do not have access to this page.');
    const viewerApprovals = await call('/approvals', { as: 'viewer' });
    expect(await viewerApprovals.text()).toContain('requires the approver role');
    const adminAudit = await call('/audit', { as: 'admin' });
    expect(await adminAudit.text()).toContain('Hash chain');
  });

  it("hides other organizations' runs as not found", async () => {
    expect((await call(`/api/runs/${ids.otherOrgRun}`, { as: 'owner' })).status).toBe(404);
    expect((await call(`/runs/${ids.otherOrgRun}`, { as: 'owner' })).status).toBe(404);
    const list = await json<{ rows: { id: string }[] }>(
      await call('/api/runs?pageSize=100', { as: 'owner' }),
    );
    expect(list.rows.map((r) => r.id)).not.toContain(ids.otherOrgRun);
  });
});

describe('runs', () => {
  it('filters, paginates and rejects bad filters with 400', async () => {
    const all = await json<{ total: number; rows: unknown[]; repositories: { fullName: string }[] }>(
      await call('/api/runs', { as: 'viewer' }),
    );
    expect(all.total).toBe(3);
    expect(all.repositories.map((r) => r.fullName)).toEqual(['shop-api', 'shop-web']);
    const waiting = await json<{ rows: { status: string; branch: string }[] }>(
      await call('/api/runs?status=waiting_approval', { as: 'viewer' }),
    );
    expect(waiting.rows).toEqual([
      expect.objectContaining({ status: 'waiting_approval', branch: 'feature/cart' }),
    ]);
    const lint = await json<{ total: number }>(await call('/api/runs?category=lint_error', { as: 'viewer' }));
    expect(lint.total).toBe(1);
    const recent = await json<{ total: number }>(
      await call('/api/runs?age=24h&branch=main', { as: 'viewer' }),
    );
    expect(recent.total).toBe(1);
    const paged = await json<{ rows: unknown[]; pages: number }>(
      await call('/api/runs?pageSize=5&page=1', { as: 'viewer' }),
    );
    expect(paged.pages).toBe(1);
    const bad = await call('/api/runs?status=exploded', { as: 'viewer' });
    expect(bad.status).toBe(400);
    expect((await json<{ message: string }>(bad)).message).toMatch(/^status:/);
  });

  it('returns the run detail with timeline, diagnosis, patch and audit trail', async () => {
    const detail = await json<{
      stages: { stage: string; durationMs: number }[];
      diagnosis: { category: string; evidence: unknown };
      patchAttempts: { selected: boolean; riskScore: number }[];
    }>(await call(`/api/runs/${ids.run}`, { as: 'viewer' }));
    expect(detail.stages.map((s) => s.stage)).toEqual(['diagnose', 'patch']);
    expect(detail.diagnosis).toMatchObject({ category: 'type_error', evidence: [{ start: 2, end: 3 }] });
    expect(detail.patchAttempts).toEqual([expect.objectContaining({ selected: true, riskScore: 12 })]);
    const page = await call(`/runs/${ids.run}`, { as: 'viewer' });
    expect(await page.text()).toContain('type_error in src/index.ts');
  });
});

describe('diagnosis feedback and the overview', () => {
  it('changes the accuracy figure and is audited', async () => {
    const before = await json<{ totals: { accuracy: number | null; reviewedDiagnoses: number } }>(
      await call('/api/overview?period=7d', { as: 'viewer' }),
    );
    const response = await call(`/api/runs/${ids.run}/feedback`, {
      as: 'approver',
      method: 'POST',
      body: { feedback: 'incorrect' },
    });
    expect(response.status).toBe(200);
    const after = await json<{
      totals: { accuracy: number | null; reviewedDiagnoses: number; runs: number; fixed: number };
    }>(await call('/api/overview?period=7d', { as: 'viewer' }));
    expect(after.totals).toMatchObject({ accuracy: 0, reviewedDiagnoses: 1, runs: 3, fixed: 1 });
    expect(after.totals.accuracy).not.toEqual(before.totals.accuracy);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { action: 'diagnosis.feedback', subjectId: ids.run },
      orderBy: { seq: 'desc' },
    });
    expect(audit.data).toMatchObject({ feedback: 'incorrect' });
    const invalid = await call(`/api/runs/${ids.run}/feedback`, {
      as: 'approver',
      method: 'POST',
      body: { feedback: 'maybe' },
    });
    expect(invalid.status).toBe(400);
  });
});

describe('settings', () => {
  it('changes member roles within the rules', async () => {
    const promote = await call(`/api/settings/members/${ids.viewerMembership}`, {
      as: 'admin',
      method: 'PATCH',
      body: { role: 'approver' },
    });
    expect(promote.status).toBe(200);
    const member = await db.membership.findUniqueOrThrow({ where: { id: ids.viewerMembership } });
    expect(member).toMatchObject({ role: 'approver', fromGroupClaim: false });
    const toOwner = await call(`/api/settings/members/${ids.viewerMembership}`, {
      as: 'admin',
      method: 'PATCH',
      body: { role: 'owner' },
    });
    expect(toOwner.status).toBe(403);
    const self = await call(`/api/settings/members/${ids.ownerMembership}`, {
      as: 'owner',
      method: 'PATCH',
      body: { role: 'viewer' },
    });
    expect(self.status).toBe(403);
    expect((await json<{ message: string }>(self)).message).toMatch(/your own role/);
    await call(`/api/settings/members/${ids.viewerMembership}`, {
      as: 'admin',
      method: 'PATCH',
      body: { role: 'viewer' },
    });
  });

  it('disables a repository, and the intake then refuses its failures', async () => {
    const off = await call(`/api/settings/repositories/${ids.repo}`, {
      as: 'admin',
      method: 'PATCH',
      body: { enabled: false },
    });
    expect(await json(off)).toMatchObject({ enabled: false });
    expect((await db.repository.findUniqueOrThrow({ where: { id: ids.repo } })).enabled).toBe(false);
    const bad = await call(`/api/settings/repositories/${ids.repo}`, {
      as: 'admin',
      method: 'PATCH',
      body: { enabled: 'no' },
    });
    expect(bad.status).toBe(400);
    await call(`/api/settings/repositories/${ids.repo}`, {
      as: 'admin',
      method: 'PATCH',
      body: { enabled: true },
    });
  });

  it('saves the policy as a new active version that the worker reads', async () => {
    const saved = await call('/api/settings/policy', {
      as: 'owner',
      method: 'PUT',
      body: {
        maxAutoOpenRisk: 10,
        requiredApprovals: 2,
        protectedPaths: ['infra/'],
        protectedBranches: ['release'],
      },
    });
    expect(saved.status).toBe(200);
    const { version } = await json<{ version: number }>(saved);
    const active = await db.policyVersion.findMany({ where: { active: true } });
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ version });
    expect(active[0]!.document).toMatchObject({
      maxAutoOpenRisk: 10,
      requiredApprovals: 2,
      protectedBranches: ['release'],
    });
    const read = await json<{ version: number; document: { protectedPaths: string[] } }>(
      await call('/api/settings/policy', { as: 'viewer' }),
    );
    expect(read).toMatchObject({ version, document: { protectedPaths: ['infra/'] } });
    const invalid = await call('/api/settings/policy', {
      as: 'owner',
      method: 'PUT',
      body: { maxAutoOpenRisk: 500, requiredApprovals: 0, protectedPaths: [], protectedBranches: [] },
    });
    expect(invalid.status).toBe(400);
    expect(await db.policyVersion.count({ where: { active: true } })).toBe(1);
  });
});

describe('audit', () => {
  it('searches events, verifies the chain and exports rows that match the database', async () => {
    const search = await json<{ events: { action: string }[]; total: number }>(
      await call('/api/audit?q=policy.saved', { as: 'admin' }),
    );
    expect(search.total).toBeGreaterThan(0);
    expect(search.events.every((e) => e.action === 'policy.saved')).toBe(true);
    const chain = await json<{ ok: boolean; checked: number }>(
      await call('/api/audit/verify', { as: 'admin' }),
    );
    expect(chain.ok).toBe(true);
    const org = await db.organization.findUniqueOrThrow({ where: { slug: 'default' } });
    const rows = await db.auditEvent.findMany({ where: { organizationId: org.id }, orderBy: { seq: 'asc' } });
    const csv = await call(`/api/audit/export?from=${today()}&to=${today()}&format=csv`, { as: 'admin' });
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="suture-audit-.*\.csv"/);
    const records = parseCsv<Record<string, string>>(await csv.text(), { columns: true });
    expect(records.map((r) => r.hash)).toEqual(rows.map((r) => r.hash));
    expect(records[0]).toMatchObject({
      seq: String(rows[0]!.seq),
      action: rows[0]!.action,
      prevHash: rows[0]!.prevHash,
    });
    const exported = await json<{ events: { hash: string }[] }>(
      await call(`/api/audit/export?from=${today()}&to=${today()}&format=json`, { as: 'admin' }),
    );
    // The first export was itself audited, so the JSON export has one row more.
    expect(exported.events.map((e) => e.hash)).toEqual([...rows.map((r) => r.hash), expect.any(String)]);
    const backwards = await call('/api/audit/export?from=2026-12-01&to=2026-11-01', { as: 'admin' });
    expect(backwards.status).toBe(400);
  });
});

describe('organizations', () => {
  const asMulti = (path: string, org?: string) =>
    fetch(`${app.web.baseUrl}${path}`, {
      headers: { cookie: `next-auth.session-token=${multiSession}${org ? `; suture-org=${org}` : ''}` },
    });

  it('maps suture:<org>:<role> groups to roles per organization and switches with the org cookie', async () => {
    const me = await json<{ memberships: { organizationSlug: string; role: string }[] }>(
      await asMulti('/api/me'),
    );
    expect(me.memberships.map((m) => [m.organizationSlug, m.role]).sort()).toEqual([
      ['default', 'viewer'],
      ['other-org', 'approver'],
    ]);
    const home = await json<{ rows: { id: string }[] }>(await asMulti('/api/runs'));
    expect(home.rows.map((r) => r.id)).not.toContain(ids.otherOrgRun);
    const switched = await json<{ rows: { id: string }[] }>(await asMulti('/api/runs', 'other-org'));
    expect(switched.rows.map((r) => r.id)).toEqual([ids.otherOrgRun]);
    // Approver in other-org, viewer in default: the role follows the organization being viewed.
    expect((await asMulti('/api/approvals')).status).toBe(403);
    expect((await asMulti('/api/approvals', 'other-org')).status).toBe(200);
    // A cookie naming an organization the user is not in is ignored, never trusted.
    const owner = await fetch(`${app.web.baseUrl}/api/runs`, {
      headers: { cookie: `next-auth.session-token=${sessions.owner}; suture-org=other-org` },
    });
    expect((await json<{ rows: { id: string }[] }>(owner)).rows.map((r) => r.id)).not.toContain(
      ids.otherOrgRun,
    );
  });
});
