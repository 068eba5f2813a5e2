// POST /api/runs/{id}/decision on the real app: OIDC sessions per role, Postgres, and the Temporal dev
// server receiving the decision as a signal (the run's workflow waits on a task queue no worker polls).
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowNames } from '@suture/core';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { seedRoleUsers } from '../../../scripts/oidc/seed-role-users.ts';
import { logInWithOidc } from './oidc/log-in-with-oidc.ts';
import { startAppWithOidc, type AppWithOidc } from './oidc/start-app-with-oidc.ts';
import type { WebServer } from './start-web-server.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const password = randomBytes(12).toString('base64url');
const taskQueue = `no-worker-${randomUUID()}`;

let temp: TemporaryDatabase;
let db: Database;
let web: WebServer;
let app: AppWithOidc;
let connection: Connection;
let temporal: Client;
const sessions: Record<string, string> = {};

const decide = (runId: string, body: unknown, as?: string) =>
  fetch(`${web.baseUrl}/api/runs/${runId}/decision`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      // As the dashboard's own pages send it (the origin check is browser-security.integration's).
      origin: web.baseUrl,
      ...(as ? { cookie: `next-auth.session-token=${sessions[as]}` } : {}),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

/** A run waiting for approval whose workflow is started (so it can receive signals) but never worked on. */
const seedWaitingRun = async ({
  commitAuthorEmail = null,
  requiredApprovals = 1,
  orgSlug = 'default',
}: { commitAuthorEmail?: string | null; requiredApprovals?: number; orgSlug?: string } = {}) => {
  const org = await db.organization.upsert({
    where: { slug: orgSlug },
    update: {},
    create: { slug: orgSlug, name: orgSlug },
  });
  const repository = await db.repository.create({
    data: {
      organizationId: org.id,
      provider: 'local',
      fullName: `demo-${randomUUID().slice(0, 6)}`,
      localPath: `/tmp/${randomUUID()}`,
    },
  });
  const failure = await db.failureEvent.create({
    data: {
      repositoryId: repository.id,
      providerRunId: randomUUID(),
      headSha: 'a'.repeat(40),
      commitAuthorEmail,
      conclusion: 'failure',
      failedAt: new Date(),
    },
  });
  const workflowId = `heal:test:${randomUUID()}`;
  const run = await db.healingRun.create({
    data: {
      failureEventId: failure.id,
      repositoryId: repository.id,
      workflowId,
      status: 'waiting_approval',
      stage: 'approval',
      requiredApprovals,
      failureCompletedAt: new Date(),
    },
  });
  await temporal.workflow.start(workflowNames.selfHealing, {
    taskQueue,
    workflowId,
    args: [{ healingRunId: run.id }],
  });
  return run;
};

const signalsOf = async (workflowId: string) => {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .filter((event) => event.workflowExecutionSignaledEventAttributes)
    .map((event) => event.workflowExecutionSignaledEventAttributes!.signalName);
};

/** The JSON each signal carried (the Temporal client's default JSON payload converter). */
const signalInputsOf = async (workflowId: string) => {
  const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .flatMap((event) => event.workflowExecutionSignaledEventAttributes?.input?.payloads ?? [])
    .map((payload) => JSON.parse(Buffer.from(payload.data!).toString('utf8')) as unknown);
};

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 2 });
  app = await startAppWithOidc({
    env: { DATABASE_URL: temp.url, TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS, SUTURE_TASK_QUEUE: taskQueue },
    users: seedRoleUsers({ password }),
  });
  web = app.web;
  for (const role of ['approver', 'viewer', 'admin']) {
    const result = await logInWithOidc({ baseUrl: web.baseUrl, email: `${role}@suture.local`, password });
    expect(result.sessionToken, `login as ${role} failed at ${result.finalUrl}`).toBeTruthy();
    sessions[role] = result.sessionToken!;
  }
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection });
}, 180_000);

afterAll(async () => {
  const runs = (await db?.healingRun.findMany({ select: { workflowId: true } })) ?? [];
  await Promise.allSettled(
    runs.map((run) => temporal.workflow.getHandle(run.workflowId).terminate('test cleanup')),
  );
  await connection?.close();
  await app?.stop();
  await db?.$disconnect();
  await temp?.drop();
});

describe('POST /api/runs/{id}/decision', () => {
  it('authorizes on the server: 401 without a session, 403 for a viewer, 404 for an unknown run', async () => {
    const run = await seedWaitingRun();
    expect((await decide(run.id, { decision: 'approve', reason: 'looks right' })).status).toBe(401);
    const viewer = await decide(run.id, { decision: 'approve', reason: 'looks right' }, 'viewer');
    expect(viewer.status).toBe(403);
    expect(
      (await decide('no-such-run', { decision: 'approve', reason: 'looks right' }, 'approver')).status,
    ).toBe(404);
    expect(await signalsOf(run.workflowId)).toEqual([]);
    expect(await db.approval.count()).toBe(0);
  });

  it('requires a decision and a reason', async () => {
    const run = await seedWaitingRun();
    const noReason = await decide(run.id, { decision: 'approve', reason: ' ' }, 'approver');
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as { message: string }).message).toMatch(/reason: a reason is required/);
    expect((await decide(run.id, '{not json', 'approver')).status).toBe(400);
    expect((await decide(run.id, { decision: 'merge', reason: 'because' }, 'approver')).status).toBe(400);
  });

  it('records an approval, audits it and signals the workflow; a second decision by the same user is refused', async () => {
    const run = await seedWaitingRun();
    const response = await decide(
      run.id,
      { decision: 'approve', reason: 'verified fix, small diff' },
      'approver',
    );
    expect(response.status).toBe(200);
    const approver = await db.user.findUniqueOrThrow({ where: { email: 'approver@suture.local' } });
    expect(await response.json()).toEqual({
      runId: run.id,
      decision: 'approve',
      decidedBy: approver.id,
      approvals: 1,
      requiredApprovals: 1,
      signalled: true,
    });
    expect(
      await db.approval.findMany({
        where: { healingRunId: run.id },
        select: { userId: true, decision: true, reason: true },
      }),
    ).toEqual([{ userId: approver.id, decision: 'approve', reason: 'verified fix, small diff' }]);
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { subjectId: run.id, action: 'approval.approve' },
    });
    expect(audit.actorId).toBe(approver.id);
    expect(await signalsOf(run.workflowId)).toEqual(['approve']);
    // The signal names the row only; the worker reads who decided and why from the database.
    const { id: approvalId } = await db.approval.findFirstOrThrow({ where: { healingRunId: run.id } });
    expect(await signalInputsOf(run.workflowId)).toEqual([{ approvalId }]);
    expect((await decide(run.id, { decision: 'reject', reason: 'changed my mind' }, 'approver')).status).toBe(
      409,
    );
    expect(await signalsOf(run.workflowId)).toEqual(['approve']);
  });

  it('lets an admin reject with a reason, and refuses decisions on runs not waiting for approval', async () => {
    const run = await seedWaitingRun();
    expect(
      (await decide(run.id, { decision: 'reject', reason: 'wrong layer for this fix' }, 'admin')).status,
    ).toBe(200);
    expect(await signalsOf(run.workflowId)).toEqual(['reject']);
    await db.healingRun.update({ where: { id: run.id }, data: { status: 'rejected', outcome: 'rejected' } });
    const late = await decide(run.id, { decision: 'approve', reason: 'too late now' }, 'approver');
    expect(late.status).toBe(409);
  });

  it('refuses to let the author of the failing commit approve its fix, but lets them reject it', async () => {
    const run = await seedWaitingRun({ commitAuthorEmail: 'approver@suture.local' });
    const own = await decide(run.id, { decision: 'approve', reason: 'my own fix is fine' }, 'approver');
    expect(own.status).toBe(403);
    expect(((await own.json()) as { message: string }).message).toMatch(/you authored commit aaaaaaaaaaaa/);
    expect(await db.approval.count({ where: { healingRunId: run.id } })).toBe(0);
    expect(await signalsOf(run.workflowId)).toEqual([]);
    expect((await decide(run.id, { decision: 'approve', reason: 'reviewed it' }, 'admin')).status).toBe(200);
    expect(await signalsOf(run.workflowId)).toEqual(['approve']);
    const other = await seedWaitingRun({ commitAuthorEmail: 'approver@suture.local' });
    expect((await decide(other.id, { decision: 'reject', reason: 'not this way' }, 'approver')).status).toBe(
      200,
    );
  });

  it("waits for the policy's number of approvals before signalling the workflow", async () => {
    const run = await seedWaitingRun({ requiredApprovals: 2 });
    const first = await decide(run.id, { decision: 'approve', reason: 'first look is good' }, 'approver');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ approvals: 1, requiredApprovals: 2, signalled: false });
    expect(await signalsOf(run.workflowId)).toEqual([]);
    const second = await decide(run.id, { decision: 'approve', reason: 'second look agrees' }, 'admin');
    expect(await second.json()).toMatchObject({ approvals: 2, requiredApprovals: 2, signalled: true });
    expect(await signalsOf(run.workflowId)).toEqual(['approve']);
  });

  it("answers 404 for another organisation's run exactly as for a missing one, on every per-run route", async () => {
    const foreign = await seedWaitingRun({ orgSlug: `other-${randomUUID().slice(0, 8)}` });
    const missing = `cm${randomUUID().replaceAll('-', '').slice(0, 23)}`;
    const call = async (runId: string, route: string, as: string) => {
      const url = `${web.baseUrl}/api/runs/${runId}${route}`;
      const cookie = `next-auth.session-token=${sessions[as]}`;
      const response =
        route === ''
          ? await fetch(url, { headers: { cookie } })
          : await fetch(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', origin: web.baseUrl, cookie },
              body: JSON.stringify(
                route === '/feedback'
                  ? { feedback: 'correct' }
                  : { decision: 'approve', reason: 'looks right to me' },
              ),
            });
      return { status: response.status, body: (await response.text()).replaceAll(runId, '<id>') };
    };
    for (const as of ['approver', 'admin', 'viewer'])
      for (const route of ['/decision', '/cancel', '/feedback', '']) {
        const other = await call(foreign.id, route, as);
        // A viewer is refused feedback (403) before any run is looked up: that reveals nothing either.
        const expected = as === 'viewer' && route === '/feedback' ? 403 : 404;
        expect({ as, route, status: other.status }).toEqual({ as, route, status: expected });
        expect({ as, route, ...other }).toEqual({ as, route, ...(await call(missing, route, as)) });
      }
    expect(await signalsOf(foreign.workflowId)).toEqual([]);
    expect(await db.approval.count({ where: { healingRunId: foreign.id } })).toBe(0);
  });

  it('records a cancel request and signals its id; viewers and finished runs are refused', async () => {
    const run = await seedWaitingRun();
    const cancel = (as: string, body: unknown = { reason: 'superseded by a manual fix' }) =>
      fetch(`${web.baseUrl}/api/runs/${run.id}/cancel`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: web.baseUrl,
          cookie: `next-auth.session-token=${sessions[as]}`,
        },
        body: JSON.stringify(body),
      });
    expect((await cancel('viewer')).status).toBe(403);
    expect((await cancel('approver', { reason: '' })).status).toBe(400);
    const response = await cancel('approver');
    expect(response.status).toBe(200);
    const { cancelRequestId } = (await response.json()) as { cancelRequestId: string };
    const event = await db.auditEvent.findUniqueOrThrow({ where: { seq: BigInt(cancelRequestId) } });
    const approver = await db.user.findUniqueOrThrow({ where: { email: 'approver@suture.local' } });
    expect(event).toMatchObject({
      action: 'run.cancel_requested',
      subjectId: run.id,
      actorType: 'user',
      actorId: approver.id,
      data: { reason: 'superseded by a manual fix' },
    });
    expect(await signalsOf(run.workflowId)).toEqual(['cancel']);
    expect(await signalInputsOf(run.workflowId)).toEqual([{ cancelRequestId }]);
    await db.healingRun.update({
      where: { id: run.id },
      data: { status: 'cancelled', outcome: 'cancelled' },
    });
    expect((await cancel('approver')).status).toBe(409);
  });
});
