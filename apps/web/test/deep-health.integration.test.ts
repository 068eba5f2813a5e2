// Anonymous GET /api/health?deep=1 runs a `ping` workflow through a worker. It must not let anyone start
// workflows at will: concurrent deep checks share one ping, and a result is reused for 10 s.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { startWebServer, type WebServer } from './start-web-server.ts';
import { startWorkerProcess, type WorkerProcess } from './start-worker-process.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const taskQueue = `deep-health-${randomUUID()}`;
let temp: TemporaryDatabase;
let web: WebServer;
let worker: WorkerProcess;
let connection: Connection;
let client: Client;

const pingsStarted = async () => {
  // Visibility lags a little behind the start: read until two reads agree (bounded).
  let last = -1;
  for (let i = 0; i < 20; i += 1) {
    const { count } = await client.workflow.count(`WorkflowType = "ping" AND TaskQueue = "${taskQueue}"`);
    if (count === last) return count;
    last = count;
    await sleep(500);
  }
  return last;
};

const burst = (n: number) =>
  Promise.all(
    Array.from({ length: n }, () =>
      fetch(`${web.baseUrl}/api/health?deep=1`, { signal: AbortSignal.timeout(30_000) }).then(
        async (response) => ({
          status: response.status,
          body: (await response.json()) as { status: string },
        }),
      ),
    ),
  );

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  const common = {
    DATABASE_URL: temp.url,
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    SUTURE_TASK_QUEUE: taskQueue,
  };
  web = await startWebServer(common);
  worker = startWorkerProcess(common);
  connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  client = new Client({ connection });
  // Wait for the worker through Temporal itself: a deep check here would start a ping already.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const queue = await connection.workflowService.describeTaskQueue({
      namespace: 'default',
      taskQueue: { name: taskQueue },
      taskQueueType: 1,
    });
    if ((queue.pollers ?? []).length > 0) break;
    if (Date.now() > deadline) throw new Error(`the worker never polled:\n${worker.output().slice(-3000)}`);
    await sleep(500);
  }
}, 300_000);

afterAll(async () => {
  await worker?.kill();
  await web?.stop();
  await connection?.close();
  await temp?.drop();
});

describe('GET /api/health?deep=1', () => {
  it('starts at most one ping workflow for 50 concurrent anonymous requests, and one more after 10 s', async () => {
    const first = await burst(50);
    // Right after it (well within the 10 s), a second burst is answered from the cached result.
    const second = await burst(20);
    expect(first.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(first.every((r) => r.body.status === 'ok')).toBe(true);
    expect(second.every((r) => r.status === 200)).toBe(true);
    expect(await pingsStarted()).toBe(1);

    await sleep(10_500);
    expect((await burst(50)).every((r) => r.status === 200)).toBe(true);
    expect(await pingsStarted()).toBe(2);
  });
});
