// Starts the built Next.js server against a Postgres cluster of the test's own, then stops that
// database: /api/health must go from 200 to 503 and name the database.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterUrl,
  findPgBinDir,
  prepareOwnedDir,
  startCluster,
  stopCluster,
  type PgCluster,
} from '../../../scripts/stack/postgres.ts';
import { freePort, waitFor } from '../../../scripts/stack/process-utils.ts';
import { testEnv } from './test-env.ts';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');
const env = testEnv();
let cluster: PgCluster;
let home: string;
let server: ChildProcess | undefined;
let baseUrl: string;
let serverOutput = '';

const getHealth = async () => {
  const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(15_000) });
  return {
    status: response.status,
    body: (await response.json()) as { status: string; down: string[]; message?: string },
  };
};

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'suture-health-'));
  prepareOwnedDir(home);
  cluster = {
    binDir: findPgBinDir(env.SUTURE_PG_BIN_DIR),
    dataDir: join(home, 'data'),
    port: await freePort(),
    logFile: join(home, 'postgres.log'),
    user: 'suture',
    password: 'health-test',
  };
  await startCluster(cluster);
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: webDir,
    env: {
      ...process.env,
      DATABASE_URL: clusterUrl(cluster, 'postgres'),
      TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
      SUTURE_TASK_QUEUE: `health-test-${port}`,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.on('error', (error) => (serverOutput += `spawn failed: ${error.message}\n`));
  server.stdout?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (serverOutput += chunk.toString()));
  const up = await waitFor(async () => (await fetch(`${baseUrl}/api/health`)).status > 0, 60_000, 250);
  expect(up, `next start did not answer:\n${serverOutput}`).toBe(true);
});

afterAll(async () => {
  server?.kill('SIGTERM');
  if (cluster) stopCluster(cluster, 'immediate');
  rmSync(home, { recursive: true, force: true });
  await Promise.resolve();
});

describe('GET /api/health', () => {
  it('answers 200 with every dependency up, then 503 naming the database once it stops', async () => {
    const healthy = await getHealth();
    expect(healthy.status, JSON.stringify(healthy.body)).toBe(200);
    expect(healthy.body).toMatchObject({ status: 'ok', down: [] });

    stopCluster(cluster, 'fast');
    const broken = await getHealth();
    expect(broken.status).toBe(503);
    expect(broken.body.down).toEqual(['database']);
    expect(broken.body.message).toBe('down: database');
  });

  it('reports a missing worker on the deep check instead of hanging', async () => {
    const response = await fetch(`${baseUrl}/api/health?deep=1`, { signal: AbortSignal.timeout(20_000) });
    const body = (await response.json()) as { down: string[]; checks: Record<string, { error?: string }> };
    expect(response.status).toBe(503);
    expect(body.down).toContain('worker');
    expect(body.checks.worker?.error).toMatch(/no worker is polling/);
  });
});
