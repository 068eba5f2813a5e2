// Applies every migration to an empty real Postgres, then writes and reads back one row of each model.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, Prisma, type Database } from '../src/index.ts';
import {
  createTemporaryDatabase,
  migrateDeploy,
  type TemporaryDatabase,
} from '../src/testing/temporary-database.ts';
import { testEnv } from './test-env.ts';

let temp: TemporaryDatabase;
let db: Database;
const covered = new Set<string>();
const roundTrip = (model: Prisma.ModelName) => covered.add(model);

beforeAll(async () => {
  temp = await createTemporaryDatabase(testEnv().DATABASE_URL);
  const migrated = migrateDeploy(temp.url);
  expect(migrated.status, migrated.output).toBe(0);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 4 });
});

afterAll(async () => {
  await db?.$disconnect();
  await temp?.drop();
});

describe('migrations', () => {
  it('applied every migration folder and a second deploy is a no-op', async () => {
    const rows = await db.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      select migration_name, finished_at from _prisma_migrations order by started_at`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    const again = migrateDeploy(temp.url);
    expect(again.status, again.output).toBe(0);
    expect(again.output).toMatch(/No pending migrations/i);
  });
});

describe('domain model round trip', () => {
  it('writes and reads back every model with its relations', async () => {
    const org = await db.organization.create({ data: { slug: 'acme', name: 'Acme' } });
    roundTrip('Organization');
    const user = await db.user.create({ data: { email: 'ada@acme.test', name: 'Ada' } });
    roundTrip('User');
    await db.membership.create({
      data: { organizationId: org.id, userId: user.id, role: 'approver', fromGroupClaim: true },
    });
    roundTrip('Membership');
    await db.account.create({
      data: { userId: user.id, type: 'oidc', provider: 'oidc', providerAccountId: 'sub-1' },
    });
    roundTrip('Account');
    const expires = new Date(Date.now() + 3_600_000);
    await db.session.create({ data: { userId: user.id, sessionToken: 'tok-1', expires } });
    roundTrip('Session');
    await db.verificationToken.create({ data: { identifier: 'ada@acme.test', token: 'v-1', expires } });
    roundTrip('VerificationToken');

    const repo = await db.repository.create({
      data: {
        organizationId: org.id,
        provider: 'github',
        fullName: 'acme/api',
        githubRepoId: 9_007_199_254_740_993n,
        githubInstallationId: 42n,
      },
    });
    roundTrip('Repository');
    const delivery = await db.webhookDelivery.create({
      data: {
        deliveryId: 'd-1',
        event: 'workflow_run',
        action: 'completed',
        signatureValid: true,
        payload: { workflow_run: { id: 7 } },
      },
    });
    roundTrip('WebhookDelivery');
    const logBytes = Buffer.from('##[error]Process completed with exit code 1.\n');
    const sha = createHash('sha256').update(logBytes).digest('hex');
    await db.artifact.create({
      data: { sha256: sha, sizeBytes: logBytes.length, mediaType: 'text/plain', content: logBytes },
    });
    roundTrip('Artifact');
    const failedAt = new Date('2026-11-01T10:00:00.000Z');
    const failure = await db.failureEvent.create({
      data: {
        repositoryId: repo.id,
        webhookDeliveryId: delivery.id,
        providerRunId: '123',
        providerJobId: '456',
        runAttempt: 2,
        headSha: 'a'.repeat(40),
        branch: 'main',
        workflowName: 'CI',
        jobName: 'test',
        stepName: 'npm test',
        conclusion: 'failure',
        failedAt,
        logArtifactId: sha,
      },
    });
    roundTrip('FailureEvent');
    const policy = await db.policyVersion.create({
      data: {
        organizationId: org.id,
        version: 1,
        document: { maxAutoOpenRisk: 20, requiredApprovals: 1 },
        active: true,
        createdById: user.id,
      },
    });
    roundTrip('PolicyVersion');
    const run = await db.healingRun.create({
      data: {
        failureEventId: failure.id,
        repositoryId: repo.id,
        workflowId: 'heal-acme/api-123-2',
        status: 'waiting_approval',
        stage: 'approval',
        policyDecision: 'needs_approval',
        policyVersionId: policy.id,
        failureCompletedAt: failedAt,
        readyForApprovalAt: new Date(failedAt.getTime() + 61_000),
        mttrReadyMs: 61_000,
      },
    });
    roundTrip('HealingRun');
    await db.healingStage.create({
      data: {
        healingRunId: run.id,
        stage: 'diagnose',
        status: 'succeeded',
        durationMs: 420,
        detail: { engine: 'heuristic' },
      },
    });
    roundTrip('HealingStage');
    await db.diagnosis.create({
      data: {
        healingRunId: run.id,
        category: 'type_error',
        confidence: 0.9,
        summary: 'TS2304 in src/a.ts',
        rootCause: 'renamed export',
        evidence: [{ start: 10, end: 12 }],
        files: [{ path: 'src/a.ts', line: 3 }],
        failingTests: [],
        errorCodes: ['TS2304'],
        failingStep: 'npm run build',
        engine: 'heuristic',
        durationMs: 12,
        feedback: 'correct',
        feedbackById: user.id,
        feedbackAt: new Date(),
      },
    });
    roundTrip('Diagnosis');
    const attempt = await db.patchAttempt.create({
      data: {
        healingRunId: run.id,
        attempt: 1,
        strategy: 'ts_codefix',
        diff: '--- a/src/a.ts\n+++ b/src/a.ts\n',
        filesChanged: 1,
        linesAdded: 1,
        linesRemoved: 1,
        validationStatus: 'passed',
        riskScore: 12,
        riskReasons: [{ points: 12, reason: 'small diff' }],
        guardrailFindings: [],
        selected: true,
      },
    });
    roundTrip('PatchAttempt');
    const execution = await db.testExecution.create({
      data: {
        healingRunId: run.id,
        patchAttemptId: attempt.id,
        phase: 'patched',
        runIndex: 0,
        backend: 'local',
        command: 'npm test',
        exitCode: 0,
        wallMs: 1500,
        passed: 3,
        startedAt: new Date(),
        finishedAt: new Date(),
      },
    });
    roundTrip('TestExecution');
    await db.testCaseResult.create({
      data: {
        testExecutionId: execution.id,
        name: 'math > adds',
        file: 'test/math.test.ts',
        outcome: 'passed',
        durationMs: 3,
      },
    });
    roundTrip('TestCaseResult');
    await db.testVerdict.create({
      data: {
        healingRunId: run.id,
        scope: 'comparison',
        name: 'math > adds',
        verdict: 'fixed',
        runs: 10,
        failures: 0,
        failureRate: 0,
        intervalLow: 0,
        intervalHigh: 0.2775,
      },
    });
    roundTrip('TestVerdict');
    await db.proofResult.create({
      data: {
        healingRunId: run.id,
        patchAttemptId: attempt.id,
        invariant: 'no-test-deleted',
        prover: 'lean',
        status: 'proved',
        durationMs: 5,
      },
    });
    roundTrip('ProofResult');
    await db.approval.create({
      data: { healingRunId: run.id, userId: user.id, decision: 'approve', reason: 'small, verified' },
    });
    roundTrip('Approval');
    await db.auditEvent.create({
      data: {
        organizationId: org.id,
        actorType: 'user',
        actorId: user.id,
        action: 'approval.approve',
        subjectType: 'HealingRun',
        subjectId: run.id,
        data: { reason: 'small, verified' },
        prevHash: '0'.repeat(64),
        hash: 'f'.repeat(64),
      },
    });
    roundTrip('AuditEvent');

    const loaded = await db.healingRun.findUniqueOrThrow({
      where: { workflowId: 'heal-acme/api-123-2' },
      include: {
        failureEvent: {
          include: {
            logArtifact: true,
            webhookDelivery: true,
            repository: {
              include: {
                organization: {
                  include: {
                    memberships: { include: { user: { include: { accounts: true, sessions: true } } } },
                  },
                },
              },
            },
          },
        },
        stages: true,
        diagnoses: { include: { feedbackBy: true } },
        patchAttempts: { include: { testExecutions: { include: { cases: true } }, proofResults: true } },
        testVerdicts: true,
        approvals: { include: { user: true } },
        policyVersion: true,
      },
    });
    expect(loaded.failureEvent.runAttempt).toBe(2);
    expect(loaded.failureEvent.failedAt.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(Buffer.from(loaded.failureEvent.logArtifact!.content!).toString()).toBe(logBytes.toString());
    expect(loaded.failureEvent.webhookDelivery!.payload).toEqual({ workflow_run: { id: 7 } });
    expect(loaded.failureEvent.repository.githubRepoId).toBe(9_007_199_254_740_993n);
    const member = loaded.failureEvent.repository.organization.memberships[0]!;
    expect(member.role).toBe('approver');
    expect(member.user.accounts[0]!.providerAccountId).toBe('sub-1');
    expect(member.user.sessions[0]!.expires.getTime()).toBe(expires.getTime());
    expect(loaded.stages[0]!.detail).toEqual({ engine: 'heuristic' });
    expect(loaded.diagnoses[0]!.evidence).toEqual([{ start: 10, end: 12 }]);
    expect(loaded.diagnoses[0]!.errorCodes).toEqual(['TS2304']);
    expect(loaded.diagnoses[0]!.feedbackBy!.email).toBe('ada@acme.test');
    expect(loaded.patchAttempts[0]!.testExecutions[0]!.cases[0]!.name).toBe('math > adds');
    expect(loaded.patchAttempts[0]!.proofResults[0]!.status).toBe('proved');
    expect(loaded.testVerdicts[0]!.intervalHigh).toBeCloseTo(0.2775);
    expect(loaded.approvals[0]!.user.name).toBe('Ada');
    expect(loaded.policyVersion!.document).toEqual({ maxAutoOpenRisk: 20, requiredApprovals: 1 });
    const token = await db.verificationToken.findUniqueOrThrow({ where: { token: 'v-1' } });
    expect(token.identifier).toBe('ada@acme.test');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectId: run.id } });
    expect(typeof audit.seq).toBe('bigint');

    expect([...covered].sort()).toEqual(Object.values(Prisma.ModelName).sort());
  });

  it('enforces the unique keys intake relies on', async () => {
    await db.webhookDelivery.create({ data: { deliveryId: 'dup-1', event: 'ping', signatureValid: true } });
    await expect(
      db.webhookDelivery.create({ data: { deliveryId: 'dup-1', event: 'ping', signatureValid: true } }),
    ).rejects.toMatchObject({ code: 'P2002' });
    const run = await db.healingRun.findFirstOrThrow();
    const failure = await db.failureEvent.findFirstOrThrow();
    await expect(
      db.healingRun.create({
        data: {
          failureEventId: failure.id,
          repositoryId: failure.repositoryId,
          workflowId: run.workflowId,
          failureCompletedAt: new Date(),
        },
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });

  it('keeps decision records: a user who approved cannot be deleted, a repository cascades', async () => {
    const approver = await db.user.findUniqueOrThrow({ where: { email: 'ada@acme.test' } });
    await expect(db.user.delete({ where: { id: approver.id } })).rejects.toBeTruthy();
    const repo = await db.repository.create({
      data: {
        organizationId: (await db.organization.findFirstOrThrow()).id,
        provider: 'local',
        fullName: 'demo',
        localPath: '/tmp/demo',
      },
    });
    await db.failureEvent.create({
      data: {
        repositoryId: repo.id,
        providerRunId: 'local-1',
        headSha: 'b'.repeat(40),
        conclusion: 'failure',
        failedAt: new Date(),
      },
    });
    await db.repository.delete({ where: { id: repo.id } });
    expect(await db.failureEvent.count({ where: { repositoryId: repo.id } })).toBe(0);
  });
});

describe('audit log', () => {
  it('is append-only: updates, deletes and truncation are refused by the database', async () => {
    const event = await db.auditEvent.findFirstOrThrow();
    await expect(
      db.auditEvent.update({ where: { seq: event.seq }, data: { action: 'tampered' } }),
    ).rejects.toThrow(/append-only/);
    await expect(db.auditEvent.delete({ where: { seq: event.seq } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe('truncate "AuditEvent" cascade')).rejects.toThrow(/append-only/);
    expect((await db.auditEvent.findUniqueOrThrow({ where: { seq: event.seq } })).action).toBe(
      'approval.approve',
    );
  });
});
