// Webhook intake latency: N signed `workflow_run` failure deliveries (GitHub's real payload shape) posted to
// the built dashboard on loopback, each recording the delivery, the failure and the run and starting a
// workflow on the real Temporal dev server. Prints p50/p95/p99 and throughput with the machine.
// Run: npm run bench:webhooks [-- --count 1000 --concurrency 8]   (builds nothing: run `npm run build -w @suture/web` first)
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { Webhooks } from '@octokit/webhooks';
import { Client, Connection } from '@temporalio/client';
import { z } from 'zod';
import { createDatabase } from '@suture/db';
import { createMigratedDatabase } from '@suture/db/testing/temporary-database';
import { startWebServer } from '../test/start-web-server.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000' }, concurrency: { type: 'string', default: '8' } },
});
const count = z.coerce.number().int().min(1).max(20_000).parse(values.count);
const concurrency = z.coerce.number().int().min(1).max(64).parse(values.concurrency);
const env = z
  .object({ DATABASE_URL: z.string().url(), TEMPORAL_ADDRESS: z.string().min(3) })
  .parse(process.env);

type Example = { name: string; examples: Record<string, unknown>[] };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];
const template = examples
  .find((e) => e.name === 'workflow_run')!
  .examples.find((e) => e.action === 'completed')!;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const main = async () => {
  const secret = randomBytes(24).toString('hex');
  const taskQueue = `bench-${randomUUID()}`; // nothing polls it: the bench measures intake, not healing
  const temp = await createMigratedDatabase(env.DATABASE_URL);
  const server = await startWebServer({
    DATABASE_URL: temp.url,
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    SUTURE_TASK_QUEUE: taskQueue,
    GITHUB_WEBHOOK_SECRET: secret,
  });
  const webhooks = new Webhooks({ secret });
  const base = 2_000_000_000 + Math.floor(Math.random() * 1_000_000_000);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const post = async (i: number) => {
    const payload = structuredClone(template) as { workflow_run: Record<string, unknown> };
    payload.workflow_run.id = base + i;
    payload.workflow_run.conclusion = 'failure';
    const body = JSON.stringify(payload);
    const signature = await webhooks.sign(body);
    const started = performance.now();
    const response = await fetch(`${server.baseUrl}/api/github/webhooks`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'workflow_run',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signature,
      },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
  };
  try {
    for (let i = 0; i < Math.min(20, count); i++) await post(-1 - i); // warm-up (not counted)
    latencies.length = 0;
    statuses.clear();
    const wallStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) await post(next++);
      }),
    );
    const wallMs = performance.now() - wallStart;
    const sorted = [...latencies].sort((a, b) => a - b);
    const cpu = cpus();
    console.log(`machine: ${cpu[0]?.model ?? 'unknown cpu'} x${cpu.length}, node ${process.version}`);
    console.log(
      `deliveries: ${count} signed workflow_run failures, concurrency ${concurrency}, statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    console.log(
      `latency ms: p50 ${percentile(sorted, 50).toFixed(1)}  p95 ${percentile(sorted, 95).toFixed(1)}  p99 ${percentile(sorted, 99).toFixed(1)}  max ${sorted.at(-1)!.toFixed(1)}`,
    );
    console.log(
      `throughput: ${(count / (wallMs / 1000)).toFixed(1)} deliveries/s over ${(wallMs / 1000).toFixed(1)} s`,
    );
  } finally {
    await server.stop();
    // Close the workflows the bench started, then its database.
    const db = createDatabase({ databaseUrl: temp.url, maxConnections: 2 });
    const runs = await db.healingRun.findMany({ select: { workflowId: true } });
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const client = new Client({ connection });
    for (let i = 0; i < runs.length; i += 50) {
      await Promise.allSettled(
        runs
          .slice(i, i + 50)
          .map((run) => client.workflow.getHandle(run.workflowId).terminate('benchmark cleanup')),
      );
    }
    await connection.close();
    await db.$disconnect();
    await temp.drop();
  }
};

await main();
