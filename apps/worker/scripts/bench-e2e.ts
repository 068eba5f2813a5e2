// End-to-end repair bench: every repair case (packages/core/test/fixtures/repair) through the whole selfHealing
// workflow on real services: the Temporal dev server, Postgres (a fresh migrated database), this worker with
// its sandbox. Each case's failure is reported as the local intake does; the bench waits until the run is
// ready for approval or has finished, and prints per case the outcome, MTTR (failure -> ready for approval)
// and stage timings, then the fix rate, MTTR p50/p95 and runs per minute at the chosen concurrency.
// Run: npm run bench:e2e [-- --only id,id --concurrency N --json]
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { z } from 'zod';
import { ensureRepairFixture } from '@suture/core/patching/testing/ensure-repair-fixture';
import { createDatabase } from '@suture/db';
import { createMigratedDatabase } from '@suture/db/testing/temporary-database';
import {
  listRepairCases,
  RepairCase,
  repairSpecDir,
} from '../../../packages/core/scripts/make-repair-fixtures.ts';
import { failingStepCommand } from '../../../scripts/demo/failing-step-command.ts';
import { buildHealingDeps } from '../src/build-deps.ts';
import { createWorker } from '../src/create-worker.ts';
import { loadWorkerEnv } from '../src/env.ts';
import { startLocalHealing } from './start-local-healing.ts';
import { metExpectation, summarizeBench, type BenchCaseResult } from './summarize-bench.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    concurrency: { type: 'string', default: String(availableParallelism()) },
    timeout: { type: 'string', default: '900' },
    json: { type: 'boolean', default: false },
    /** Keep the bench's database (its URL is printed) to look into a case afterwards. */
    'keep-db': { type: 'boolean', default: false },
  },
});
const concurrency = z.coerce.number().int().min(1).max(64).parse(values.concurrency);
const caseTimeoutMs = z.coerce.number().int().min(10).parse(values.timeout) * 1000;
const env = z
  .object({ DATABASE_URL: z.string().url(), TEMPORAL_ADDRESS: z.string().min(3) })
  .parse(process.env);
const stageOrder = ['context', 'diagnose', 'reproduce', 'patch', 'verify', 'assess', 'policy'] as const;
const seconds = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? '-' : (ms / 1000).toFixed(1);

Runtime.install({ logger: new DefaultLogger('WARN') });

type Pending = { id: string; spec: RepairCase; repoPath: string; log: string };

const main = async () => {
  const ids = values.only ? values.only.split(',') : await listRepairCases();
  const scratch = mkdtempSync(join(tmpdir(), 'suture-bench-e2e-'));
  // Traversable, as the stack makes .data: the sandbox's uid binds the shared dependency install under cache/.
  chmodSync(scratch, 0o711);
  // The clones live here, and the worker takes local repositories from its allowed roots only.
  const reposDir = join(scratch, 'repos');
  const pending: Pending[] = [];
  // Generated up front (and cached under .data/fixtures): the bench measures healing, not fixture generation.
  for (const id of ids) {
    const spec = RepairCase.parse(
      JSON.parse(readFileSync(join(repairSpecDir, 'cases', id, 'case.json'), 'utf8')),
    );
    const fixture = await ensureRepairFixture({ id });
    // A clone per case, as a user's repository: a delivered fix branch must not land in the shared fixture.
    const repoPath = join(reposDir, id);
    execFileSync('git', ['clone', '--quiet', fixture.repoDir, repoPath]);
    pending.push({ id, spec, repoPath, log: fixture.log });
  }

  const temp = await createMigratedDatabase(env.DATABASE_URL);
  const db = createDatabase({ databaseUrl: temp.url, maxConnections: 8 });
  const taskQueue = `bench-e2e-${randomUUID()}`;
  const workerEnv = loadWorkerEnv({
    ...process.env,
    DATABASE_URL: temp.url,
    SUTURE_TASK_QUEUE: taskQueue,
    SUTURE_DATA_DIR: join(scratch, 'data'),
    SUTURE_LOCAL_REPO_ROOTS: reposDir,
  });
  const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: workerEnv.TEMPORAL_NAMESPACE,
    taskQueue,
    deps: buildHealingDeps({ env: workerEnv, db }),
  });
  const running = worker.run();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: workerEnv.TEMPORAL_NAMESPACE });
  await db.organization.create({ data: { slug: 'bench', name: 'End-to-end bench' } });
  const workflowIds: string[] = [];
  const results: BenchCaseResult[] = [];

  const heal = async (item: Pending) => {
    const failedAt = new Date();
    const { healingRunId, workflowId } = await startLocalHealing({
      db,
      client,
      taskQueue,
      organizationSlug: 'bench',
      repoPath: item.repoPath,
      log: item.log,
      command: failingStepCommand({ step: item.spec.step, env: item.spec.env }),
      jobName: 'build',
      failedAt,
    });
    workflowIds.push(workflowId);
    const deadline = Date.now() + caseTimeoutMs;
    let run = await db.healingRun.findUniqueOrThrow({ where: { id: healingRunId } });
    while (run.status !== 'waiting_approval' && !run.outcome && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 250));
      run = await db.healingRun.findUniqueOrThrow({ where: { id: healingRunId } });
    }
    const stages = await db.healingStage.findMany({ where: { healingRunId } });
    const result: BenchCaseResult = {
      id: item.id,
      expect: item.spec.expect,
      outcome: run.status === 'waiting_approval' ? 'ready' : (run.outcome ?? 'timeout'),
      mttrMs: run.mttrReadyMs === null ? null : Number(run.mttrReadyMs),
      elapsedMs: (run.readyForApprovalAt ?? run.finishedAt ?? new Date()).getTime() - failedAt.getTime(),
      stages: Object.fromEntries(
        stages.flatMap((s) => (s.durationMs === null ? [] : [[s.stage, s.durationMs] as const])),
      ),
    };
    results.push(result);
    if (!values.json) printRow(result);
  };

  const cpu = cpus();
  if (!values.json) {
    console.log(
      `machine: ${cpu.length} x ${cpu[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    );
    console.log(
      `settings: ${ids.length} cases, ${concurrency} in flight, ${workerEnv.SUTURE_TEST_RUNS} sandboxed runs per side, sandbox concurrency ${workerEnv.SUTURE_SANDBOX_CONCURRENCY}, LLM ${workerEnv.ANTHROPIC_API_KEY ? 'on' : 'off (offline fixers only)'}, toolchains ${workerEnv.SUTURE_SANDBOX_TOOLCHAINS ?? '(default)'}`,
    );
    console.log(
      `${'case'.padEnd(22)} ${'expect'.padEnd(9)} ${'outcome'.padEnd(20)} ${'mttr s'.padStart(6)} ${'total'.padStart(6)}  ${stageOrder.map((s) => s.slice(0, 6).padStart(7)).join('')}  ok`,
    );
  }
  const wallStart = Date.now();
  try {
    const queue = [...pending];
    await Promise.all(
      Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
        for (let item = queue.shift(); item; item = queue.shift()) await heal(item);
      }),
    );
  } finally {
    const wallMs = Date.now() - wallStart;
    if (results.length > 0) printTotals(results, wallMs, concurrency);
    await Promise.allSettled(
      workflowIds.map((id) => client.workflow.getHandle(id).terminate('end of the end-to-end bench')),
    );
    worker.shutdown();
    await running;
    await nativeConnection.close();
    await connection.close();
    await db.$disconnect();
    if (values['keep-db']) console.log(`kept the bench database: ${temp.url}`);
    else await temp.drop();
    rmSync(scratch, { recursive: true, force: true });
  }
};

const printRow = (r: BenchCaseResult) =>
  console.log(
    `${r.id.padEnd(22)} ${r.expect.padEnd(9)} ${r.outcome.padEnd(20)} ${seconds(r.mttrMs).padStart(6)} ${seconds(r.elapsedMs).padStart(6)}  ${stageOrder.map((s) => seconds(r.stages[s]).padStart(7)).join('')}  ${metExpectation(r) ? 'yes' : 'NO'}`,
  );

const printTotals = (results: BenchCaseResult[], wallMs: number, inFlight: number) => {
  const totals = summarizeBench({ results, wallMs });
  if (values.json) {
    console.log(JSON.stringify({ results, totals, wallMs, concurrency: inFlight }));
    return;
  }
  console.log(
    `totals: ${totals.cases} cases, ${totals.ready} ready for approval; fix rate ${totals.fixedOfFixable}/${totals.fixable} fixable (${(totals.fixRate * 100).toFixed(0)}%); ${totals.asExpected}/${totals.cases} as expected`,
  );
  console.log(
    `MTTR (failure -> ready for approval, fixable cases): p50 ${seconds(totals.mttrP50Ms)} s, p95 ${seconds(totals.mttrP95Ms)} s`,
  );
  console.log(
    `throughput: ${totals.runsPerMinute.toFixed(2)} runs/min (${totals.cases} runs in ${seconds(wallMs)} s, ${inFlight} in flight)`,
  );
};

await main();
