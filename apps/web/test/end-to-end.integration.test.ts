// Suture end to end on real services: the built dashboard, the worker process, Postgres, the Temporal
// dev server, the sandbox, and either a local repository (`suture ingest`) or the fake GitHub API (a
// signed webhook all the way to an opened pull request). Approval is sent as the dashboard sends it: an
// Approval row, then a signal naming it.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfHealingSignals } from '@suture/core';
import { REPOSITORY_REFUSED } from '@suture/core/intake/resolve-local-repository';
import { signWebhookPayload } from '@suture/core/github/index';
import { ensureRepairFixture } from '@suture/core/patching/testing/ensure-repair-fixture';
import { buildWorkflowRunEvent, startFakeGitHub, type FakeGitHub } from '@suture/core/test/github-server';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { startWebServer, type WebServer } from './start-web-server.ts';
import { startWorkerProcess, type WorkerProcess } from './start-worker-process.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const secret = randomBytes(24).toString('hex');
const apiToken = randomBytes(24).toString('hex');
const taskQueue = `e2e-${randomUUID()}`;
const dataDir = mkdtempSync(join(tmpdir(), 'suture-e2e-'));
// Traversable, as the stack makes .data: the sandbox's uid binds the shared dependency install under cache/.
chmodSync(dataDir, 0o711);
/** The only folder whose repositories the intake accepts and the worker pushes into. */
const reposRoot = realpathSync(mkdtempSync(join(tmpdir(), 'suture-user-repos-')));

let temp: TemporaryDatabase;
let db: Database;
let web: WebServer;
let github: FakeGitHub;
let worker: WorkerProcess;
let connection: Connection;
let client: Client;
let fixture: { repoDir: string; log: string; logFile: string };

const workerEnv = () => ({
  DATABASE_URL: temp.url,
  TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
  SUTURE_TASK_QUEUE: taskQueue,
  SUTURE_DATA_DIR: dataDir,
  SUTURE_LOCAL_REPO_ROOTS: reposRoot,
  SUTURE_TEST_RUNS: '1',
  SUTURE_DASHBOARD_URL: web.baseUrl,
  GITHUB_APP_ID: String(github.app.appId),
  GITHUB_APP_PRIVATE_KEY: github.app.privateKey,
  GITHUB_API_URL: github.url,
});

const cloneFixture = () => {
  const dir = join(mkdtempSync(join(reposRoot, 'user-')), 'repo');
  execFileSync('git', ['clone', '--quiet', fixture.repoDir, dir]);
  return dir;
};

const waitFor = async <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 150_000,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((done) => setTimeout(done, 500));
  }
  throw new Error(`timed out waiting for ${what}\nworker output:\n${worker.output().slice(-4000)}`);
};

// Read from the database, as the dashboard does: a busy worker may be slow to answer workflow queries.
// Read from the database, as the dashboard does: a busy worker may be slow to answer workflow queries.
const untilWaitingForApproval = (workflowId: string) =>
  waitFor(`${workflowId} to wait for approval`, async () => {
    const run = await db.healingRun.findUnique({ where: { workflowId } });
    if (run?.outcome) {
      const verdicts = await db.testVerdict.findMany({
        where: { healingRunId: run.id },
        select: { scope: true, name: true, verdict: true, reason: true },
      });
      const failed = await db.healingStage.findMany({
        where: { healingRunId: run.id, status: 'failed' },
        select: { stage: true, detail: true },
      });
      throw new Error(
        `run finished early: ${run.outcome} ${run.errorMessage ?? ''}\nfailed stages: ${JSON.stringify(failed)}\nverdicts: ${JSON.stringify(verdicts)}`,
      );
    }
    return run?.status === 'waiting_approval' ? run : undefined;
  });

/** Records an approval by an approver of the run's organisation (as the decision route does) and signals its id. */
const approve = async (workflowId: string) => {
  const run = await db.healingRun.findUniqueOrThrow({
    where: { workflowId },
    include: { repository: { select: { organizationId: true } } },
  });
  const user = await db.user.create({ data: { email: `ada-${randomUUID().slice(0, 8)}@example.com` } });
  await db.membership.create({
    data: { organizationId: run.repository.organizationId, userId: user.id, role: 'approver' },
  });
  const approval = await db.approval.create({
    data: { healingRunId: run.id, userId: user.id, decision: 'approve', reason: 'verified' },
  });
  const handle = client.workflow.getHandle(workflowId);
  await handle.signal(selfHealingSignals.approve, { approvalId: approval.id });
  return (await handle.result()) as { outcome: string; detail: string };
};

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 4 });
  fixture = await ensureRepairFixture({ id: 'ts-missing-import' });
  github = await startFakeGitHub();
  web = await startWebServer({
    DATABASE_URL: temp.url,
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    SUTURE_TASK_QUEUE: taskQueue,
    GITHUB_WEBHOOK_SECRET: secret,
    SUTURE_API_TOKEN: apiToken,
    SUTURE_LOCAL_REPO_ROOTS: reposRoot,
  });
  worker = startWorkerProcess(workerEnv());
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
}, 300_000);

afterAll(async () => {
  await worker?.kill();
  await web?.stop();
  await github?.stop();
  await connection?.close();
  await db?.$disconnect();
  await temp?.drop();
});

describe('end to end', () => {
  it('ingest accepts repositories under SUTURE_LOCAL_REPO_ROOTS only, with one error that names no path', async () => {
    const outside = join(realpathSync(mkdtempSync(join(tmpdir(), 'suture-outside-'))), 'repo');
    execFileSync('git', ['clone', '--quiet', fixture.repoDir, outside]);
    const escape = join(mkdtempSync(join(reposRoot, 'escape-')), 'link');
    symlinkSync(outside, escape);
    const notRepo = join(reposRoot, `plain-${randomUUID()}`);
    mkdirSync(notRepo);
    const attempts = {
      outside,
      dotDot: `${reposRoot}/../${outside.split('/').slice(-2).join('/')}`,
      symlink: escape,
      missing: join(reposRoot, 'missing', 'repo'),
      notARepository: notRepo,
      relative: 'repo',
    };
    for (const [what, repoPath] of Object.entries(attempts)) {
      const response = await fetch(`${web.baseUrl}/api/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
        body: JSON.stringify({ repoPath, log: fixture.log }),
      });
      const body = await response.text();
      expect({ what, status: response.status }).toEqual({ what, status: 403 });
      expect(JSON.parse(body)).toEqual({ error: 'FORBIDDEN', message: REPOSITORY_REFUSED });
      for (const path of [reposRoot, tmpdir(), outside]) expect(body).not.toContain(path);
    }
    expect(await db.repository.count({ where: { localPath: { startsWith: outside } } })).toBe(0);
  });

  it('`npx suture ingest` on a local repository ends in a fix branch after approval', async () => {
    const repoPath = cloneFixture();
    const ingest = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'packages/core/bin/suture.mjs'),
        'ingest',
        '--repo',
        repoPath,
        '--log',
        fixture.logFile,
        '--command',
        'npm run typecheck',
        '--url',
        web.baseUrl,
        '--format',
        'json',
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, SUTURE_API_TOKEN: apiToken },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(ingest.status, ingest.stderr).toBe(0);
    const started = JSON.parse(ingest.stdout.trim().split('\n').at(-1)!) as {
      workflowId: string;
      healingRunId: string;
      started: boolean;
    };
    expect(started.started).toBe(true);

    await untilWaitingForApproval(started.workflowId);
    const result = await approve(started.workflowId);
    expect(result.outcome).toBe('branch_created');
    const head = execFileSync('git', ['log', '-1', '--format=%an %s', result.detail], {
      cwd: repoPath,
      encoding: 'utf8',
    });
    expect(head).toMatch(/^Suture fix: /);
    const diff = execFileSync('git', ['diff', `${result.detail}~1`, result.detail], {
      cwd: repoPath,
      encoding: 'utf8',
    });
    expect(diff).toMatch(/^\+import \{ slugify \}/m);

    const wrongToken = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'packages/core/bin/suture.mjs'),
        'ingest',
        '--repo',
        repoPath,
        '--log',
        fixture.logFile,
        '--url',
        web.baseUrl,
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, SUTURE_API_TOKEN: 'x'.repeat(32) },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(wrongToken.status).toBe(1);
    expect(wrongToken.stderr).toMatch(/ingest refused \(401\)/);
    const missingLog = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'packages/core/bin/suture.mjs'),
        'ingest',
        '--repo',
        repoPath,
        '--log',
        '/nonexistent.log',
        '--url',
        web.baseUrl,
      ],
      {
        cwd: repoRoot,
        env: { ...process.env, SUTURE_API_TOKEN: apiToken },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(missingLog.status).toBe(2);
    expect(missingLog.stderr).toMatch(/cannot read log \/nonexistent.log/);
  });

  it('a signed workflow_run webhook ends in a pull request on GitHub, with a live check run', async () => {
    const bare = join(mkdtempSync(join(tmpdir(), 'suture-gh-')), 'shop.git');
    execFileSync('git', ['clone', '--quiet', '--bare', fixture.repoDir, bare]);
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: bare, encoding: 'utf8' }).trim();
    const installationId = github.state.addInstallation();
    github.state.addRepository({ installationId, owner: 'acme', name: 'shop', barePath: bare });
    const run = github.state.addWorkflowRun({
      // GitHub run ids are unique; the fake's counters restart, and Temporal remembers workflow ids.
      id: 1_000_000 + Math.floor(Math.random() * 1_000_000_000),
      owner: 'acme',
      repo: 'shop',
      headSha: sha,
      conclusion: 'failure',
      status: 'completed',
    });
    github.state.addJob({
      runId: run.id,
      name: 'build',
      steps: [
        { name: 'npm ci', conclusion: 'success' },
        { name: 'Type check', conclusion: 'failure' },
      ],
      logs: { zip: { '1_Type check.txt': fixture.log } },
    });
    const body = JSON.stringify(buildWorkflowRunEvent({ github, runId: run.id }));
    const response = await fetch(`${web.baseUrl}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'workflow_run',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': await signWebhookPayload({ body, secret }),
      },
      body,
    });
    expect(response.status).toBe(202);
    const accepted = (await response.json()) as { workflowId: string; status: string };
    expect(accepted.status).toBe('processed');

    await untilWaitingForApproval(accepted.workflowId);
    const progress = github.state.checkRuns.at(-1)!;
    expect(progress.headSha).toBe(sha);
    expect(progress.status).toBe('in_progress');
    const result = await approve(accepted.workflowId);
    expect(result.outcome).toBe('pr_opened');
    const pr = github.state.pullRequests.at(-1)!;
    expect(pr.base).toBe('main');
    expect(pr.head).toMatch(/^suture\/fix-/);
    expect(pr.title).toMatch(/^fix: /);
    expect(pr.body).toContain('Risk');
    expect(result.detail).toBe(pr.htmlUrl);
    const finalCheck = github.state.checkRuns.find((c) => c.id === progress.id)!;
    expect(finalCheck.conclusion).toBe('success');
    const stored = await db.healingRun.findFirstOrThrow({ where: { workflowId: accepted.workflowId } });
    expect(stored).toMatchObject({ outcome: 'pr_opened', prNumber: pr.number });
  });

  it('a worker killed mid-run is replaced and the run completes with no duplicated work', async () => {
    const repoPath = cloneFixture();
    const logFile = join(mkdtempSync(join(tmpdir(), 'suture-log-')), 'ci.log');
    writeFileSync(logFile, fixture.log);
    const response = await fetch(`${web.baseUrl}/api/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
      body: JSON.stringify({ repoPath, log: fixture.log, command: 'npm run typecheck' }),
    });
    expect(response.status, `${await response.clone().text()}\n${web.output().slice(-3000)}`).toBe(201);
    const { workflowId, healingRunId } = (await response.json()) as {
      workflowId: string;
      healingRunId: string;
    };
    await waitFor(
      'the patch stage to start',
      async () =>
        (await db.healingStage.findFirst({ where: { healingRunId, stage: 'patch', status: 'running' } })) ??
        undefined,
    );
    await worker.kill('SIGKILL');
    worker = startWorkerProcess(workerEnv());

    await untilWaitingForApproval(workflowId);
    const result = await approve(workflowId);
    expect(result.outcome).toBe('branch_created');
    const executions = await db.testExecution.groupBy({
      by: ['phase', 'runIndex'],
      where: { healingRunId },
      _count: true,
    });
    expect(executions.every((row) => row._count === 1)).toBe(true);
    expect(await db.patchAttempt.count({ where: { healingRunId, selected: true } })).toBe(1);
    expect(await db.diagnosis.count({ where: { healingRunId } })).toBe(1);
    const finished = await db.auditEvent.count({
      where: { subjectId: healingRunId, action: 'run.finished' },
    });
    expect(finished).toBe(1);
    expect(
      execFileSync('git', ['branch', '--list', 'suture/*'], { cwd: repoPath, encoding: 'utf8' })
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });
});
