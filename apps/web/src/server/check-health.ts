// Health of what the dashboard depends on. Each probe is bounded in time, so a dead dependency gives a
// fast 503 instead of a hanging request.
import 'server-only';
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

/** Deep checks start a workflow: anonymous callers share one result at most this old (see checkWorker). */
export const DEEP_HEALTH_CACHE_MS = 10_000;

/** No worker polling the queue: a fast, precise answer that starts nothing, so it is never cached. */
const checkPollers = () =>
  probe(async () => {
    const { SUTURE_TASK_QUEUE: taskQueue, TEMPORAL_NAMESPACE: namespace } = webEnv();
    const connection = await temporalConnection();
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
  });

/**
 * The whole path: Temporal -> a worker polling the task queue -> its activity -> Postgres, as a `ping`
 * workflow. One id per task queue with USE_EXISTING, so concurrent checks (this process's or another
 * dashboard's) join the running ping instead of starting their own.
 */
const pingWorker = () =>
  probe(async () => {
    const { SUTURE_TASK_QUEUE: taskQueue } = webEnv();
    const client = await temporalClient();
    const result = await withTimeout(
      client.workflow.execute<PingWorkflow>(workflowNames.ping, {
        taskQueue,
        workflowId: `suture-health-ping-${taskQueue}`,
        workflowIdConflictPolicy: 'USE_EXISTING',
        args: [{ requestedBy: 'health-check' }],
        workflowExecutionTimeout: '10 seconds',
      }),
      8_000,
      'the worker',
    );
    return { databaseLatencyMs: result.database.latencyMs };
  });

// Single flight plus a short cache: anonymous GET /api/health?deep=1 cannot start more than one ping
// workflow per DEEP_HEALTH_CACHE_MS per process, however many requests arrive.
let lastPing: { finishedAt: number; result: ProbeResult } | undefined;
let pingInFlight: Promise<ProbeResult> | undefined;

const checkWorker = async (): Promise<ProbeResult> => {
  if (lastPing && Date.now() - lastPing.finishedAt < DEEP_HEALTH_CACHE_MS)
    return {
      ...lastPing.result,
      detail: { ...lastPing.result.detail, cachedForMs: Date.now() - lastPing.finishedAt },
    };
  if (pingInFlight) return pingInFlight;
  const pollers = await checkPollers();
  if (!pollers.ok) return pollers;
  pingInFlight ??= pingWorker()
    .then((result) => {
      lastPing = { finishedAt: Date.now(), result };
      return result;
    })
    .finally(() => (pingInFlight = undefined));
  return pingInFlight;
};

export const checkHealth = async ({ deep }: { deep: boolean }): Promise<HealthReport> => {
  const [database, temporal] = await Promise.all([checkDatabase(), checkTemporal()]);
  const checks: Record<string, ProbeResult> = { database, temporal };
  if (deep && temporal.ok) checks.worker = await checkWorker();
  const down = Object.entries(checks)
    .filter(([, result]) => !result.ok)
    .map(([name]) => name);
  return { status: down.length === 0 ? 'ok' : 'down', down, checks };
};
