// The whole healing pipeline with its real activities: real Postgres, the Temporal dev server, the
// bubblewrap sandbox, the offline TypeScript fixer, and a local git repository that receives the fix.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workflowNames, type SelfHealingStatus } from '@suture/core';
import { REPOSITORY_REFUSED } from '@suture/core/intake/resolve-local-repository';
import { ensureRepairFixture } from '@suture/core/patching/testing/ensure-repair-fixture';
import { createDatabase, verifyStoredAuditChain, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { createWorker } from '../src/create-worker.ts';
import { approveSignal, rejectSignal, statusQuery, type selfHealing } from '../src/workflows/self-healing.ts';
import { recordDecision } from './record-decision.ts';
import { seedLocalRun } from './seed-local-run.ts';
import { testDeps } from './test-deps.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
let temp: TemporaryDatabase;
let db: Database;
let connection: Connection;
let nativeConnection: NativeConnection;
let client: Client;
let fixture: { repoDir: string; log: string };
/** The worker clones from and pushes to local repositories under this root only. */
const repoRoot = mkdtempSync(join(tmpdir(), 'suture-user-repos-'));

const cloneFixture = () => {
  const dir = join(mkdtempSync(join(repoRoot, 'user-')), 'repo');
  execFileSync('git', ['clone', '--quiet', fixture.repoDir, dir]);
  return dir;
};

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 6 });
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
  fixture = await ensureRepairFixture({ id: 'ts-missing-import' });
}, 300_000);

afterAll(async () => {
  await nativeConnection?.close();
  await connection?.close();
  await db?.$disconnect();
  await temp?.drop();
});

const untilWaiting = async (workflowId: string) => {
  const handle = client.workflow.getHandle(workflowId);
  for (let i = 0; i < 600; i++) {
    const status: SelfHealingStatus = await handle.query(statusQuery);
    if (status.status === 'waiting_approval') return status;
    if (status.status === 'finished') {
      // The attempts say why no fix survived (validation output), which the status alone does not.
      const attempts = await db.patchAttempt.findMany({
        where: { healingRunId: status.healingRunId },
        select: { attempt: true, validationStatus: true, validationOutput: true, diagnostics: true },
      });
      throw new Error(`finished early: ${JSON.stringify(status)}\nattempts: ${JSON.stringify(attempts).slice(0, 4000)}`);
    }
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error('never reached approval');
};

describe('selfHealing on a local repository', () => {
  it('diagnoses, reproduces, patches and verifies a TS error, then creates the fix branch on approval', async () => {
    const repoPath = cloneFixture();
    const failedAt = new Date(Date.now() - 60_000);
    const { run, sha } = await seedLocalRun({
      db,
      repoPath,
      log: fixture.log,
      command: 'npm run typecheck',
      failedAt,
    });
    const taskQueue = `e2e-${run.id}`;
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      deps: testDeps(db, { testRuns: 2, localRepoRoots: [repoRoot] }),
    });
    const result = await worker.runUntil(async () => {
      const handle = await client.workflow.start<typeof selfHealing>(workflowNames.selfHealing, {
        taskQueue,
        workflowId: run.workflowId,
        args: [{ healingRunId: run.id }],
      });
      const waiting = await untilWaiting(run.workflowId);
      expect(waiting.stages.map((s) => s.stage)).toEqual([
        'context',
        'diagnose',
        'reproduce',
        'patch',
        'verify',
        'assess',
        'policy',
        'approval',
      ]);

      const stored = await db.healingRun.findUniqueOrThrow({
        where: { id: run.id },
        include: {
          diagnoses: true,
          patchAttempts: true,
          testVerdicts: true,
          testExecutions: true,
          stages: true,
        },
      });
      expect(stored.status).toBe('waiting_approval');
      expect(stored.diagnoses[0]).toMatchObject({ category: 'type_error', engine: 'heuristic' });
      expect(stored.testVerdicts.find((v) => v.scope === 'original')?.verdict).toBe('fail');
      expect(stored.testVerdicts.find((v) => v.scope === 'comparison')?.verdict).toBe('fixed');
      expect(stored.testExecutions.filter((e) => e.phase === 'original')).toHaveLength(2);
      expect(stored.testExecutions.filter((e) => e.phase === 'patched').every((e) => e.exitCode === 0)).toBe(
        true,
      );
      const selected = stored.patchAttempts.find((a) => a.selected)!;
      expect(selected).toMatchObject({ strategy: 'ts_codefix', validationStatus: 'passed' });
      expect(selected.diff).toMatch(/^\+import \{ slugify \} from '\.\/slug(\.js)?';$/m);
      expect(stored.mttrReadyMs).toBeGreaterThanOrEqual(60_000);
      expect(
        stored.stages.every(
          (s) => s.stage === 'approval' || (s.status === 'succeeded' && s.durationMs !== null),
        ),
      ).toBe(true);

      const { approvalId } = await recordDecision({
        db,
        healingRunId: run.id,
        decision: 'approve',
        reason: 'verified by Suture',
      });
      await handle.signal(approveSignal, { approvalId });
      return handle.result();
    });

    expect(result.outcome).toBe('branch_created');
    const branch = result.detail;
    expect(branch).toMatch(/^suture\/fix-/);
    const log = execFileSync('git', ['log', '--format=%an|%s', '-1', branch], {
      cwd: repoPath,
      encoding: 'utf8',
    }).trim();
    expect(log).toMatch(/^Suture\|fix: /);
    expect(
      execFileSync('git', ['rev-parse', `${branch}~1`], { cwd: repoPath, encoding: 'utf8' }).trim(),
    ).toBe(sha);
    expect(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoPath, encoding: 'utf8' }).trim()).toBe(sha);
    const finished = await db.healingRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(finished).toMatchObject({ status: 'succeeded', outcome: 'branch_created', branchName: branch });
    expect(finished.mttrDeliveredMs).toBeGreaterThanOrEqual(finished.mttrReadyMs!);
    expect(existsSync(finished.patchFilePath!)).toBe(true);
    expect(readFileSync(finished.patchFilePath!, 'utf8')).toMatch(/import \{ slugify \}/);
    const actions = (
      await db.auditEvent.findMany({ where: { subjectId: run.id }, orderBy: { seq: 'asc' } })
    ).map((e) => e.action);
    expect(actions).toContain('run.diagnosed');
    expect(actions).toContain('run.branch_created');
    expect(actions.at(-1)).toBe('run.finished');
    expect(await verifyStoredAuditChain({ db })).toMatchObject({ ok: true });
  });

  it('on rejection opens nothing and cleans its workspace', async () => {
    const repoPath = cloneFixture();
    const { run } = await seedLocalRun({ db, repoPath, log: fixture.log, command: 'npm run typecheck' });
    const taskQueue = `e2e-${run.id}`;
    const deps = testDeps(db, { testRuns: 1, localRepoRoots: [repoRoot] });
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      deps,
    });
    const result = await worker.runUntil(async () => {
      const handle = await client.workflow.start<typeof selfHealing>(workflowNames.selfHealing, {
        taskQueue,
        workflowId: run.workflowId,
        args: [{ healingRunId: run.id }],
      });
      await untilWaiting(run.workflowId);
      const { approvalId } = await recordDecision({
        db,
        healingRunId: run.id,
        decision: 'reject',
        reason: 'prefer a different fix',
      });
      await handle.signal(rejectSignal, { approvalId });
      return handle.result();
    });
    expect(result.outcome).toBe('rejected');
    const branches = execFileSync('git', ['branch', '--list', 'suture/*'], {
      cwd: repoPath,
      encoding: 'utf8',
    }).trim();
    expect(branches).toBe('');
    expect(existsSync(join(deps.workDir, run.id))).toBe(false);
    expect(await db.healingRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({
      status: 'rejected',
      outcome: 'rejected',
    });
  });

  it('refuses a repository that left the allowed roots after intake (swapped for a symlink)', async () => {
    const repoPath = cloneFixture();
    const { run } = await seedLocalRun({ db, repoPath, log: fixture.log, command: 'npm run typecheck' });
    const outside = join(mkdtempSync(join(tmpdir(), 'suture-outside-')), 'repo');
    renameSync(repoPath, outside);
    symlinkSync(outside, repoPath);
    const taskQueue = `e2e-${run.id}`;
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: 'default',
      taskQueue,
      deps: testDeps(db, { testRuns: 1, localRepoRoots: [repoRoot] }),
    });
    const result = await worker.runUntil(
      client.workflow.execute<typeof selfHealing>(workflowNames.selfHealing, {
        taskQueue,
        workflowId: run.workflowId,
        args: [{ healingRunId: run.id }],
      }),
    );
    expect(result.outcome).toBe('error');
    const stored = await db.healingRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored.errorMessage).toContain(REPOSITORY_REFUSED);
    expect(stored.errorMessage).not.toContain(outside);
    expect(execFileSync('git', ['branch', '--list', 'suture/*'], { cwd: outside, encoding: 'utf8' })).toBe(
      '',
    );
  });
});
