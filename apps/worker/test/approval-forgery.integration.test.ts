// Forged decisions sent straight to Temporal, as anything that reaches its unauthenticated API could
// (the install-phase `postinstall` of issue #12 did): the real web app (OIDC sessions, decision and
// cancel routes), Postgres, the Temporal dev server and a worker with the real workflow and the real
// bookkeeping/verification activities. The engine stages (diagnose ... verify, policy, deliver) are
// stand-ins that only return results, so the run reaches waiting_approval in seconds whatever the
// sandbox does; what is under test is the wait and what may end it.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfHealingSignals, workflowNames, type SelfHealingStatus } from '@suture/core';
import { createDatabase, verifyStoredAuditChain, type Database, type Role } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { seedRoleUsers } from '../../../scripts/oidc/seed-role-users.ts';
// The dashboard's own test harness (the built app, a local OpenID Provider, a browser-like login).
import { logInWithOidc } from '../../web/test/oidc/log-in-with-oidc.ts';
import { startAppWithOidc, type AppWithOidc } from '../../web/test/oidc/start-app-with-oidc.ts';
import type { WebServer } from '../../web/test/start-web-server.ts';
import { createActivities, type Activities } from '../src/activities/index.ts';
import { workflowsPath } from '../src/create-worker.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const password = randomBytes(12).toString('base64url');
const taskQueue = `forgery-${randomUUID()}`;

let temp: TemporaryDatabase;
let db: Database;
let web: WebServer;
let app: AppWithOidc;
let connection: Connection;
let nativeConnection: NativeConnection;
let temporal: Client;
let worker: Worker;
let running: Promise<void>;
const sessions: Record<string, string> = {};

const post = (path: string, body: unknown, as: string) =>
  fetch(`${web.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      origin: web.baseUrl,
      cookie: `next-auth.session-token=${sessions[as]}`,
    },
    body: JSON.stringify(body),
  });

/** The real activities, with the engines replaced by results (no sandbox, no repository). */
const activitiesFor = (database: Database): Activities => {
  const real = createActivities({
    db: database,
    workDir: `/tmp/suture-forgery-${randomUUID()}`,
    localRepoRoots: [],
    cacheDir: '/tmp',
    observers: [],
    github: null,
    llm: null,
    sandbox: {
      searchPath: '/usr/bin:/bin',
      toolchainPaths: [],
      concurrency: 1,
      egress: null,
      toolsDir: '/tmp',
      home: '/tmp',
    },
    dashboardUrl: 'http://127.0.0.1:3000',
    testRuns: 1,
  });
  return {
    ...real,
    loadContext: () =>
      Promise.resolve({
        provider: 'local' as const,
        repository: 'demo',
        headSha: 'a'.repeat(40),
        hasLog: true,
        testRuns: 1,
      }),
    diagnoseFailure: () =>
      Promise.resolve({ category: 'type_error', confidence: 0.9, summary: 'TS2305', flakySuspect: false }),
    reproduceFailure: () => Promise.resolve({ verdict: 'fail' as const, detail: 'fails 1/1' }),
    patchFailure: () => Promise.resolve({ outcome: 'fixed' as const, attempts: 1, detail: 'ts_codefix' }),
    verifyPatch: () => Promise.resolve({ verdict: 'fixed' as const, detail: 'passes 1/1' }),
    assessPatch: () => Promise.resolve({ riskScore: 10, blockingFindings: 0, findings: 0 }),
    decidePolicy: () =>
      Promise.resolve({
        decision: 'needs_approval' as const,
        reason: 'policy requires approval',
        approvalTimeoutMs: 3_600_000,
      }),
    deliverPatch: (input) =>
      Promise.resolve({ kind: 'branch' as const, branch: `suture/fix-by-${input.approvedBy}`, url: null }),
  };
};

const userOf = (role: string) => db.user.findUniqueOrThrow({ where: { email: `${role}@suture.local` } });

/** A run of the default organisation, started on the worker and left waiting for approval. */
const startWaitingRun = async ({ commitAuthorEmail = null }: { commitAuthorEmail?: string | null } = {}) => {
  const org = await db.organization.findUniqueOrThrow({ where: { slug: 'default' } });
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
  const run = await db.healingRun.create({
    data: {
      failureEventId: failure.id,
      repositoryId: repository.id,
      workflowId: `heal:forgery:${randomUUID()}`,
      failureCompletedAt: new Date(),
    },
  });
  const handle = await temporal.workflow.start(workflowNames.selfHealing, {
    taskQueue,
    workflowId: run.workflowId,
    args: [{ healingRunId: run.id }],
  });
  await until(`${run.id} waiting`, async () => {
    const stored = await db.healingRun.findUniqueOrThrow({ where: { id: run.id } });
    return stored.status === 'waiting_approval' ? stored : undefined;
  });
  return { run, handle };
};

const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const auditOf = (runId: string, action: string) =>
  db.auditEvent.findMany({ where: { subjectId: runId, action }, orderBy: { seq: 'asc' } });

/** An Approval row written straight into the database, as no web route would have accepted it. */
const insertApproval = async (runId: string, role: string) => {
  const user = await userOf(role);
  return db.approval.create({
    data: { healingRunId: runId, userId: user.id, decision: 'approve', reason: `forged as ${role}` },
  });
};

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 4 });
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
  nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  temporal = new Client({ connection });
  worker = await Worker.create({
    connection: nativeConnection,
    namespace: 'default',
    taskQueue,
    workflowsPath,
    activities: activitiesFor(db),
  });
  running = worker.run();
}, 300_000);

afterAll(async () => {
  const runs = (await db?.healingRun.findMany({ select: { workflowId: true } })) ?? [];
  await Promise.allSettled(
    runs.map((run) => temporal.workflow.getHandle(run.workflowId).terminate('test cleanup')),
  );
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
  await app?.stop();
  await db?.$disconnect();
  await temp?.drop();
});

describe('decision signals sent straight to Temporal', () => {
  it('are audited as rejected and ignored; a decision through the web app then delivers', async () => {
    // The admin wrote the failing commit: four eyes forbids their approval.
    const { run, handle } = await startWaitingRun({ commitAuthorEmail: 'admin@suture.local' });
    const other = await startWaitingRun();
    const approvedElsewhere = await post(
      `/api/runs/${other.run.id}/decision`,
      { decision: 'approve', reason: 'fine for that run' },
      'approver',
    );
    expect(approvedElsewhere.status).toBe(200);
    const elsewhereId = (await db.approval.findFirstOrThrow({ where: { healingRunId: other.run.id } })).id;
    const byAuthor = await insertApproval(run.id, 'admin');
    const byViewer = await insertApproval(run.id, 'viewer');

    const forgeries: [unknown, string][] = [
      [{ userId: 'sandbox-install-script', reason: 'lgtm' }, 'missing_id'],
      [{}, 'missing_id'],
      [{ approvalId: 'cmadeup0000000000000000000' }, 'unknown_approval'],
      [{ approvalId: elsewhereId }, 'other_run'],
      [{ approvalId: byAuthor.id }, 'commit_author'],
      [{ approvalId: byViewer.id }, 'role_too_low'],
    ];
    for (const [payload] of forgeries) await handle.signal(selfHealingSignals.approve, payload);
    const rejected = await until('every forgery audited', async () => {
      const { outcome } = await db.healingRun.findUniqueOrThrow({ where: { id: run.id } });
      if (outcome) throw new Error(`the run ended ${outcome} on forged signals`);
      const rows = await auditOf(run.id, 'approval.signal_rejected');
      return rows.length >= forgeries.length ? rows : undefined;
    });
    expect(rejected.map((row) => (row.data as { reason: string }).reason)).toEqual(
      forgeries.map(([, reason]) => reason),
    );
    expect(rejected.every((row) => row.actorType === 'worker')).toBe(true);

    // Forged cancels: the old payload, and a real audit event of the wrong kind.
    const approvalEvent = await db.auditEvent.findFirstOrThrow({
      where: { subjectId: other.run.id, action: 'approval.approve' },
    });
    await handle.signal(selfHealingSignals.cancel, { by: 'sandbox-install-script', reason: 'stop' });
    await handle.signal(selfHealingSignals.cancel, { cancelRequestId: approvalEvent.seq.toString() });
    const cancelRejected = await until('forged cancels audited', async () => {
      const rows = await auditOf(run.id, 'run.cancel_signal_rejected');
      return rows.length >= 2 ? rows : undefined;
    });
    expect(cancelRejected.map((row) => (row.data as { reason: string }).reason)).toEqual([
      'missing_id',
      'not_a_cancel_request',
    ]);

    const status: SelfHealingStatus = await handle.query('status');
    expect(status).toMatchObject({ status: 'waiting_approval', outcome: null });
    expect(await db.healingRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: 'waiting_approval',
      outcome: null,
    });

    const genuine = await post(
      `/api/runs/${run.id}/decision`,
      { decision: 'approve', reason: 'reviewed the diff' },
      'approver',
    );
    expect(genuine.status).toBe(200);
    const approver = await userOf('approver');
    expect(await handle.result()).toEqual({
      outcome: 'branch_created',
      detail: `suture/fix-by-${approver.id}`,
    });
    const accepted = await auditOf(run.id, 'approval.signal_accepted');
    expect(accepted).toHaveLength(1);
    expect(accepted[0]!.data).toMatchObject({ decidedBy: approver.id, approvedBy: [approver.id] });
    expect(await verifyStoredAuditChain({ db })).toMatchObject({ ok: true });
    expect(await other.handle.result()).toMatchObject({ outcome: 'branch_created' });
  });

  it('a cancel through the web app stops the run; a viewer cannot ask for one', async () => {
    const { run, handle } = await startWaitingRun();
    const asViewer = await post(`/api/runs/${run.id}/cancel`, { reason: 'not mine to stop' }, 'viewer');
    expect(asViewer.status).toBe(403);
    const response = await post(
      `/api/runs/${run.id}/cancel`,
      { reason: 'superseded by a manual fix' },
      'approver',
    );
    expect(response.status).toBe(200);
    const approver = await userOf('approver');
    expect(await handle.result()).toEqual({
      outcome: 'cancelled',
      detail: `cancelled by ${approver.id}: superseded by a manual fix`,
    });
    expect(await db.healingRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: 'cancelled',
    });
  });

  it('a member who lost the approver role before the worker checked cannot approve', async () => {
    const { run, handle } = await startWaitingRun();
    const admin = await userOf('admin');
    const org = await db.organization.findUniqueOrThrow({ where: { slug: 'default' } });
    const approval = await db.approval.create({
      data: { healingRunId: run.id, userId: admin.id, decision: 'approve', reason: 'before demotion' },
    });
    const role: Role = 'viewer';
    await db.membership.update({
      where: { organizationId_userId: { organizationId: org.id, userId: admin.id } },
      data: { role },
    });
    try {
      await handle.signal(selfHealingSignals.approve, { approvalId: approval.id });
      const rows = await until('the demoted approval audited', async () => {
        const found = await auditOf(run.id, 'approval.signal_rejected');
        return found.length > 0 ? found : undefined;
      });
      expect((rows[0]!.data as { reason: string }).reason).toBe('role_too_low');
      expect((await db.healingRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe(
        'waiting_approval',
      );
    } finally {
      await db.membership.update({
        where: { organizationId_userId: { organizationId: org.id, userId: admin.id } },
        data: { role: 'admin' },
      });
    }
  });
});
