// The delivery spool's numbers:
//  1. append throughput and latency (write + fsync, group commit) of the real spool writer, in-process,
//     at 1 and at 16 concurrent appends, with a real workflow_run payload;
//  2. end to end on the built dashboard: a Postgres cluster of the bench's own is stopped, N signed
//     deliveries are posted (all spooled, 202), the cluster is started, and the time until every one
//     is stored (and the spool empty) is measured.
// Run: npm run bench:spool [-- --count 2000 --drain 1000]   (build first: npm run build -w @suture/web)
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openSpoolWriter } from '@suture/core/spool/open-spool-writer';
import { createDatabase } from '@suture/db';
import { createMigratedDatabase } from '@suture/db/testing/temporary-database';
import {
  clusterUrl,
  findPgBinDir,
  prepareOwnedDir,
  startCluster,
  stopCluster,
} from '../../../scripts/stack/postgres.ts';
import { freePort, waitFor } from '../../../scripts/stack/process-utils.ts';
import { postDelivery, signBytes } from '../test/post-signed-delivery.ts';
import { startWebServer } from '../test/start-web-server.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '2000' }, drain: { type: 'string', default: '1000' } },
});
const count = z.coerce.number().int().min(10).max(100_000).parse(values.count);
const drainCount = z.coerce.number().int().min(10).max(20_000).parse(values.drain);
const env = z
  .object({ TEMPORAL_ADDRESS: z.string().min(3), SUTURE_PG_BIN_DIR: z.string().optional() })
  .parse(process.env);

type Example = { name: string; examples: Record<string, unknown>[] };
const examples = createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[];
const payload = Buffer.from(
  JSON.stringify(
    examples.find((e) => e.name === 'workflow_run')!.examples.find((e) => e.action === 'completed'),
  ),
);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const benchAppends = async (home: string, concurrency: number) => {
  const writer = await openSpoolWriter({ dir: join(home, `spool-c${concurrency}`), maxBytes: 4 * 1024 ** 3 });
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t = performance.now();
        await writer.append({
          header: {
            deliveryId: randomUUID(),
            event: 'workflow_run',
            receivedAt: new Date().toISOString(),
            i: String(i),
          },
          body: payload,
        });
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  await writer.seal();
  latencies.sort((a, b) => a - b);
  console.log(
    `append, concurrency ${String(concurrency).padStart(2)}: ${count} deliveries of ${payload.length} B in ${seconds.toFixed(2)} s = ` +
      `${(count / seconds).toFixed(0)} deliveries/s, ${((count * payload.length) / seconds / 1024 ** 2).toFixed(1)} MB/s; ` +
      `latency (write+fsync) median ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms`,
  );
};

const benchDrain = async (home: string) => {
  const secret = randomBytes(24).toString('hex');
  const cluster = {
    binDir: findPgBinDir(env.SUTURE_PG_BIN_DIR),
    dataDir: join(home, 'pg'),
    port: await freePort(),
    logFile: join(home, 'postgres.log'),
    user: 'suture',
    password: 'bench-spool',
  };
  prepareOwnedDir(home);
  await startCluster(cluster);
  const databaseUrl = (await createMigratedDatabase(clusterUrl(cluster, 'postgres'))).url;
  const spoolDir = join(home, 'web-spool');
  const server = await startWebServer({
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    SUTURE_TASK_QUEUE: `bench-spool-${randomUUID()}`,
    GITHUB_WEBHOOK_SECRET: secret,
    SUTURE_SPOOL_DIR: spoolDir,
    SUTURE_SPOOL_DRAIN_INTERVAL_MS: '250',
  });
  const db = createDatabase({ databaseUrl, maxConnections: 2 });
  try {
    stopCluster(cluster, 'fast');
    const body = Buffer.from(
      JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1, padding: 'x'.repeat(payload.length) }),
    );
    let next = 0;
    const statuses = new Map<number, number>();
    const posted = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < drainCount) {
          next++;
          const r = await postDelivery({
            baseUrl: server.baseUrl,
            event: 'ping',
            body,
            signature: signBytes(secret, body),
          });
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      }),
    );
    const postSeconds = (performance.now() - posted) / 1000;
    console.log(
      `HTTP while the database is down: ${drainCount} signed deliveries in ${postSeconds.toFixed(2)} s ` +
        `(${(drainCount / postSeconds).toFixed(0)}/s), statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    const back = performance.now();
    await startCluster(cluster);
    const upSeconds = (performance.now() - back) / 1000;
    let first: number | undefined;
    const done = await waitFor(
      async () => {
        const stored = await db.webhookDelivery.count();
        if (stored > 0) first ??= performance.now();
        return stored === drainCount && readdirSync(spoolDir).every((n) => n.endsWith('.corrupt'));
      },
      300_000,
      100,
    );
    const total = (performance.now() - back) / 1000;
    console.log(
      `drain: ${done ? 'all' : 'NOT all'} ${drainCount} stored and processed ${total.toFixed(2)} s after pg_ctl start ` +
        `(Postgres up after ${upSeconds.toFixed(2)} s; first row after ${(((first ?? back) - back) / 1000).toFixed(2)} s; ` +
        `drainer backoff included); ${(drainCount / (total - ((first ?? back) - back) / 1000)).toFixed(0)} deliveries/s once draining`,
    );
  } finally {
    await server.stop();
    await db.$disconnect();
    stopCluster(cluster, 'immediate');
  }
};

const main = async () => {
  const home = mkdtempSync(join(tmpdir(), 'suture-bench-spool-'));
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 1024 ** 3).toFixed(1)} GB, ${osType()} ${release()}, node ${process.version}; spool on ${tmpdir()}`,
  );
  try {
    await benchAppends(home, 1);
    await benchAppends(home, 16);
    // Its own folder: Postgres runs as its owner and must reach it (the bench's home is 0700 root).
    const drainHome = mkdtempSync(join(tmpdir(), 'suture-bench-drain-'));
    try {
      await benchDrain(drainHome);
    } finally {
      rmSync(drainHome, { recursive: true, force: true });
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
};

await main();
