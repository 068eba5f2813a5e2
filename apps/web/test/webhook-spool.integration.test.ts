// The database stops in the middle of a burst of 200 signed deliveries (a Postgres cluster of the test's
// own, stopped and started with pg_ctl): every delivery must be acknowledged 2xx, waited out in the spool,
// and stored exactly once when the database is back, also after the web app restarts and replays a
// segment it had already drained (a crash between storing and deleting the segment).
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase } from '@suture/db/testing/temporary-database';
import {
  clusterUrl,
  findPgBinDir,
  prepareOwnedDir,
  startCluster,
  stopCluster,
  type PgCluster,
} from '../../../scripts/stack/postgres.ts';
import { freePort, waitFor } from '../../../scripts/stack/process-utils.ts';
import { postDelivery, signBytes } from './post-signed-delivery.ts';
import { startWebServer, type WebServer } from './start-web-server.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const secret = randomBytes(24).toString('hex');
let cluster: PgCluster;
let home: string;
let spoolDir: string;
let databaseUrl: string;
let db: Database;
let server: WebServer | undefined;

const webEnvFor = () => ({
  DATABASE_URL: databaseUrl,
  TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
  SUTURE_TASK_QUEUE: `outage-test-${randomUUID()}`,
  GITHUB_WEBHOOK_SECRET: secret,
  SUTURE_SPOOL_DIR: spoolDir,
  SUTURE_SPOOL_DRAIN_INTERVAL_MS: '250',
});

const segments = () => readdirSync(spoolDir).filter((name) => /\.(spool|draining-\d+)$/.test(name));

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'suture-outage-'));
  prepareOwnedDir(home);
  spoolDir = join(home, 'spool');
  cluster = {
    binDir: findPgBinDir(env.SUTURE_PG_BIN_DIR),
    dataDir: join(home, 'data'),
    port: await freePort(),
    logFile: join(home, 'postgres.log'),
    user: 'suture',
    password: 'outage-test',
  };
  await startCluster(cluster);
  databaseUrl = (await createMigratedDatabase(clusterUrl(cluster, 'postgres'))).url;
  db = createDatabase({ databaseUrl, maxConnections: 2 });
  server = await startWebServer(webEnvFor());
});

afterAll(async () => {
  await server?.stop();
  await db?.$disconnect();
  if (cluster) stopCluster(cluster, 'immediate');
  rmSync(home, { recursive: true, force: true });
});

describe('webhook intake while the database is down', () => {
  it('acknowledges a burst across an outage and stores every delivery exactly once after it', async () => {
    const sent = new Map<string, Buffer>();
    const statuses: number[] = [];
    const snapshot = join(home, 'snapshot');
    const burst = async (from: number, to: number) => {
      for (let batch = from; batch < to; batch += 10) {
        await Promise.all(
          Array.from({ length: Math.min(10, to - batch) }, async (_, k) => {
            const i = batch + k;
            const body = Buffer.from(
              JSON.stringify({ zen: `delivery ${i}`, hook_id: i, hook: { type: 'App', events: ['ping'] } }),
            );
            const deliveryId = randomUUID();
            sent.set(deliveryId, body);
            const response = await postDelivery({
              baseUrl: server!.baseUrl,
              event: i % 2 ? 'ping' : 'star',
              body,
              deliveryId,
              signature: signBytes(secret, body),
            });
            statuses[i] = response.status;
          }),
        );
      }
    };
    await burst(0, 60);
    stopCluster(cluster, 'fast');
    await burst(60, 160);
    // A copy of what the spool held during the outage, to replay after the drain (see below).
    if (existsSync(spoolDir)) cpSync(spoolDir, snapshot, { recursive: true });
    await startCluster(cluster);
    await burst(160, 200);

    expect(statuses.filter((s) => s < 200 || s > 299)).toEqual([]);
    expect(statSync(spoolDir).mode & 0o777).toBe(0o700);
    const drained = await waitFor(
      async () => (await db.webhookDelivery.count()) === 200 && segments().length === 0,
      60_000,
      250,
    );
    expect(drained, `stored ${await db.webhookDelivery.count()}, spool ${segments().join(',')}`).toBe(true);
    const rows = await db.webhookDelivery.findMany({
      select: { deliveryId: true, rawBody: true, spooledAt: true, status: true },
    });
    expect(new Set(rows.map((r) => r.deliveryId))).toEqual(new Set(sent.keys()));
    for (const row of rows) expect(Buffer.from(row.rawBody!).equals(sent.get(row.deliveryId)!)).toBe(true);
    const spooled = rows.filter((r) => r.spooledAt !== null).length;
    expect(spooled).toBeGreaterThanOrEqual(100); // the 100 sent while the database was down
    expect(rows.filter((r) => r.status === 'received')).toEqual([]);

    // Restart the web app, and hand it the segments it had already drained, as a crash between storing
    // their deliveries and deleting the segment would leave them: nothing may be stored twice.
    await server!.stop();
    const replayed = readdirSync(snapshot).filter((name) => name.endsWith('.spool'));
    expect(replayed.length).toBeGreaterThan(0);
    for (const name of replayed) cpSync(join(snapshot, name), join(spoolDir, name));
    server = await startWebServer(webEnvFor());
    expect(await waitFor(() => Promise.resolve(segments().length === 0), 30_000, 250)).toBe(true);
    expect(await db.webhookDelivery.count()).toBe(200);
    console.log(
      `outage burst: 200 deliveries, ${spooled} spooled during the outage, statuses ${[...new Set(statuses)].join(',')}`,
    );
  });

  it('answers 503 (never drops) once the spool is full', async () => {
    const before = await db.webhookDelivery.count();
    await server!.stop();
    server = await startWebServer({ ...webEnvFor(), SUTURE_SPOOL_MAX_BYTES: String(64 * 1024) });
    stopCluster(cluster, 'fast');
    try {
      const body = Buffer.from(JSON.stringify({ zen: 'x'.repeat(20_000) }));
      const results: number[] = [];
      for (let i = 0; i < 6; i++)
        results.push(
          (
            await postDelivery({
              baseUrl: server.baseUrl,
              event: 'ping',
              body,
              signature: signBytes(secret, body),
            })
          ).status,
        );
      expect(results.slice(0, 3)).toEqual([202, 202, 202]);
      expect(results.slice(3)).toEqual([503, 503, 503]);
    } finally {
      await startCluster(cluster);
    }
    expect(await waitFor(() => Promise.resolve(segments().length === 0), 30_000, 250)).toBe(true);
    expect(await db.webhookDelivery.count()).toBe(before + 3);
  });

  it('keeps what a web process killed with SIGKILL had spooled, and stores it once after a restart', async () => {
    const before = await db.webhookDelivery.count();
    stopCluster(cluster, 'fast');
    const ids: string[] = [];
    try {
      for (let i = 0; i < 30; i++) {
        const body = Buffer.from(JSON.stringify({ zen: `killed ${i}`, hook_id: i }));
        const response = await postDelivery({
          baseUrl: server!.baseUrl,
          event: 'ping',
          body,
          signature: signBytes(secret, body),
        });
        expect(response.status).toBe(202);
        ids.push(response.deliveryId);
      }
      await server!.kill();
    } finally {
      await startCluster(cluster);
    }
    server = await startWebServer(webEnvFor());
    expect(await waitFor(() => Promise.resolve(segments().length === 0), 30_000, 250)).toBe(true);
    expect(await db.webhookDelivery.count({ where: { deliveryId: { in: ids } } })).toBe(30);
    expect(await db.webhookDelivery.count()).toBe(before + 30);
  });

  it('processes a stored delivery whose processing was cut off (still received after a minute)', async () => {
    const deliveryId = randomUUID();
    const body = Buffer.from(JSON.stringify({ zen: 'cut off', hook_id: 7 }));
    await db.webhookDelivery.create({
      data: {
        deliveryId,
        event: 'ping',
        signatureValid: true,
        payload: { zen: 'cut off', hook_id: 7 },
        rawBody: body,
        receivedAt: new Date(Date.now() - 120_000),
      },
    });
    const processed = await waitFor(
      async () =>
        (await db.webhookDelivery.findUniqueOrThrow({ where: { deliveryId } })).status === 'processed',
      30_000,
      250,
    );
    expect(processed).toBe(true);
  });
});
