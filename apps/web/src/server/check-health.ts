// Health of what the dashboard depends on. Each probe is bounded in time, so a dead dependency gives a
// fast 503 instead of a hanging request.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { workflowNames, type PingWorkflow } from '@suture/core';
import { db } from './db.ts';
import { webEnv } from './env.ts';
import { resetTemporalConnection, temporalClient, temporalConnection } from './temporal.ts';

export type ProbeResult = {
  ok: boolean;
  latencyMs: number;
  error?: string;
  detail?: Record<string, unknown>;
};
export type HealthReport = { status: 'ok' | 'down'; down: string[]; checks: Record<string, ProbeResult> };

const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

const probe = async (run: () => Promise<Record<string, unknown> | void>): Promise<ProbeResult> => {
  const started = performance.now();
  try {
    const detail = await run();
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (error) {
    // Only the first line: driver errors can be long, and they never carry credentials here.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: message };
  }
};

const checkDatabase = () =>
  probe(async () => {
    await withTimeout(db().$queryRaw`select 1`, 3_000, 'the database');
  });

const checkTemporal = () =>
  probe(async () => {
    try {
      const connection = await withTimeout(temporalConnection(), 3_000, 'Temporal');
      const info = await withTimeout(connection.workflowService.getSystemInfo({}), 3_000, 'Temporal');
      return { serverVersion: info.serverVersion };
    } catch (error) {
      resetTemporalConnection();
      throw error;
    }
  });

/** The whole path: Temporal -> a worker polling the task queue -> its activity -> Postgres. */
const checkWorker = () =>
  probe(async () => {
    const { SUTURE_TASK_QUEUE: taskQueue, TEMPORAL_NAMESPACE: namespace } = webEnv();
    const connection = await temporalConnection();
    // Asking for pollers first gives a fast, precise answer when no worker runs at all.
    const queue = await withTimeout(
      connection.workflowService.describeTaskQueue({
        namespace,
        taskQueue: { name: taskQueue },
        taskQueueType: 1,
      }),
      3_000,
      'Temporal',
    );
    if ((queue.pollers ?? []).length === 0)
      throw new Error(`no worker is polling the task queue "${taskQueue}"`);
    const client = await temporalClient();
    const result = await withTimeout(
      client.workflow.execute<PingWorkflow>(workflowNames.ping, {
        taskQueue,
        workflowId: `health-ping-${randomUUID()}`,
        args: [{ requestedBy: 'health-check' }],
        workflowExecutionTimeout: '10 seconds',
      }),
      8_000,
      'the worker',
    );
    return { databaseLatencyMs: result.database.latencyMs };
  });

export const checkHealth = async ({ deep }: { deep: boolean }): Promise<HealthReport> => {
  const [database, temporal] = await Promise.all([checkDatabase(), checkTemporal()]);
  const checks: Record<string, ProbeResult> = { database, temporal };
  if (deep && temporal.ok) checks.worker = await checkWorker();
  const down = Object.entries(checks)
    .filter(([, result]) => !result.ok)
    .map(([name]) => name);
  return { status: down.length === 0 ? 'ok' : 'down', down, checks };
};
