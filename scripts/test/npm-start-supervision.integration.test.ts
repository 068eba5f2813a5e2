// `npm start` on real services (its own Postgres, Temporal dev server, OIDC provider, built dashboard and
// worker): a healing run reported through POST /api/ingest survives `kill -9` of the worker's process
// group while the dashboard keeps answering /api/health, and a killed dashboard comes back. Also checks
// what the stack leaves on disk (modes) and on the network (no Temporal Web UI).
import { statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@suture/db';
import { prepareDemoRepository } from '../demo/prepare-demo-repository.ts';
import { reportFailure } from '../demo/report-failure.ts';
import { canConnect } from '../stack/process-utils.ts';
import { startStack, type StartedStack } from './start-stack.ts';

const FIXTURE = 'ts-renamed-export';
let stack: StartedStack;
let db: Database | undefined;

const mode = (path: string) => statSync(path).mode & 0o777;

/** Polls /api/health every 250 ms until stopped (bounded by `maxMs`); records every status. */
const pollHealth = (url: string, maxMs: number) => {
  const statuses: (number | string)[] = [];
  let stopped = false;
  const done = (async () => {
    const deadline = Date.now() + maxMs;
    while (!stopped && Date.now() < deadline) {
      const status = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
        (response) => response.status,
        (error: unknown) => `error: ${(error as Error).message}`,
      );
      statuses.push(status);
      await sleep(250);
    }
  })();
  return {
    statuses,
    stop: async () => {
      stopped = true;
      await done;
      return statuses;
    },
  };
};

const runState = async (healingRunId: string) => {
  const run = await db!.healingRun.findUniqueOrThrow({
    where: { id: healingRunId },
    include: { stages: { orderBy: { startedAt: 'asc' } } },
  });
  return { status: run.status, outcome: run.outcome, stages: run.stages };
};

const until = async <T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(500);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${stack.output().slice(-6000)}`);
};

beforeAll(async () => {
  stack = await startStack({ args: ['--no-demo'] });
  // A fresh data folder: initdb, the dev server, migrations, and the dashboard build if turbo misses.
  await stack.waitForLine(/^suture: ready in /m, 600_000);
  db = createDatabase({ databaseUrl: stack.databaseUrl(), maxConnections: 2 });
}, 660_000);

afterAll(async () => {
  await db?.$disconnect();
  await stack?.cleanUp();
}, 120_000);

describe('npm start', () => {
  it('keeps secrets, databases, logs and spools private and the Temporal Web UI off', async () => {
    const data = stack.dataDir;
    expect(mode(data)).toBe(0o711);
    for (const dir of ['secrets', 'temporal', 'logs', 'run', 'spool', 'postgres'])
      expect({ dir, mode: mode(join(data, dir)).toString(8) }).toEqual({ dir, mode: '700' });
    for (const dir of ['secrets', 'temporal', 'logs', 'run'])
      for (const file of readdirSync(join(data, dir)))
        expect({ file, mode: mode(join(data, dir, file)).toString(8) }).toEqual({ file, mode: '600' });
    expect(mode(join(data, 'temporal', 'temporal.db'))).toBe(0o600);
    expect(mode(join(data, 'secrets', 'postgres-password'))).toBe(0o600);
    expect(stack.output()).toMatch(/temporal .*Web UI off; `npm start -- --temporal-ui` turns it on/);
    expect(await canConnect(stack.ports.temporalUi)).toBe(false);
  });

  it('restarts a worker killed with SIGKILL mid-run: the run completes and the dashboard never goes down', async () => {
    const repo = await prepareDemoRepository({ fixture: FIXTURE, demoDir: join(stack.dataDir, 'demo') });
    const health = pollHealth(stack.url, 900_000);
    const reported = await reportFailure({
      dashboardUrl: stack.url,
      apiToken: stack.apiToken,
      repoPath: repo.repoPath,
      log: repo.log,
      command: repo.command,
      jobName: 'build',
    });
    expect(reported.started).toBe(true);
    // Mid-run: the sandboxed phases are under way (the patch stage, as in the worker's own kill test).
    await until(
      'the patch stage to start',
      async () => {
        const run = await runState(reported.healingRunId);
        if (run.outcome) throw new Error(`run ended early: ${run.outcome}`);
        return run.stages.some((s) => s.stage === 'patch' && s.status === 'running') ? run : undefined;
      },
      600_000,
    );
    const worker = stack.pidOf('worker');
    expect(worker).toBeDefined();
    const mark = stack.output().length;
    const killedAt = Date.now();
    process.kill(-worker!, 'SIGKILL');
    await stack.waitForLine(
      /^suture: worker exited \(signal SIGKILL\); restarting in \d+\.\d s \(restart 1 of 5 in 10 min\)$/m,
      30_000,
      mark,
    );
    await stack.waitForLine(/^suture: worker restarted \(pid \d+\)$/m, 60_000, mark);
    const restartedMs = Date.now() - killedAt;
    expect(stack.pidOf('worker')).not.toBe(worker);

    const settled = await until(
      'the run to wait for approval',
      async () => {
        const run = await runState(reported.healingRunId);
        return run.status === 'waiting_approval' || run.outcome ? run : undefined;
      },
      600_000,
    );
    const statuses = await health.stop();
    console.log(
      `supervision: worker back ${restartedMs} ms after kill -9, run waiting for approval ${Date.now() - killedAt} ms after it; ${statuses.length} health probes`,
    );
    expect(settled.status, JSON.stringify(settled.stages)).toBe('waiting_approval');
    expect(statuses.length).toBeGreaterThan(10);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(stack.output()).not.toMatch(/stopping everything/);
  }, 1_300_000);

  it('restarts a dashboard killed with SIGKILL', async () => {
    const web = stack.pidOf('web');
    expect(web).toBeDefined();
    const mark = stack.output().length;
    process.kill(web!, 'SIGKILL');
    await stack.waitForLine(/^suture: web exited \(signal SIGKILL\); restarting in /m, 30_000, mark);
    await stack.waitForLine(/^suture: web restarted \(pid \d+\)$/m, 60_000, mark);
    await until(
      'the dashboard to answer again',
      async () => ((await fetch(`${stack.url}/api/health`)).status === 200 ? true : undefined),
      120_000,
    );
    expect(stack.pidOf('web')).not.toBe(web);
  }, 300_000);

  it('stops everything on SIGTERM and exits 0', async () => {
    const worker = stack.pidOf('worker');
    expect(await stack.stop()).toBe(0);
    expect(stack.output()).toMatch(/^suture: stopped temporal$/m);
    expect(stack.output()).toMatch(/^suture: stopped postgres$/m);
    expect(worker).toBeDefined();
    expect(stack.pidOf('worker')).toBeUndefined();
    expect(await canConnect(stack.ports.web)).toBe(false);
    expect(await canConnect(stack.ports.temporal)).toBe(false);
  }, 120_000);
});
