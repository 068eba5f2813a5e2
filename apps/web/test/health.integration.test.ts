// Starts the built Next.js server against a Postgres cluster of the test's own, then stops that
// database: /api/health must go from 200 to 503 and name the database.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterUrl,
  findPgBinDir,
  prepareOwnedDir,
  startCluster,
  stopCluster,
  type PgCluster,
} from '../../../scripts/stack/postgres.ts';
import { freePort } from '../../../scripts/stack/process-utils.ts';
import { startWebServer, type WebServer } from './start-web-server.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
let cluster: PgCluster;
let home: string;
let server: WebServer | undefined;
let baseUrl: string;

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
  server = await startWebServer({
    DATABASE_URL: clusterUrl(cluster, 'postgres'),
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    SUTURE_TASK_QUEUE: `health-test-${cluster.port}`,
  });
  baseUrl = server.baseUrl;
});

afterAll(async () => {
  await server?.stop();
  if (cluster) stopCluster(cluster, 'immediate');
  rmSync(home, { recursive: true, force: true });
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

  it('tells visitors that sign-in is not configured instead of offering a broken button', async () => {
    const login = await fetch(`${baseUrl}/login`);
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain('Sign-in is not configured on this server');
    expect(html).not.toContain('Sign in with SSO');
    const page = await fetch(`${baseUrl}/runs`, { redirect: 'manual' });
    expect(page.status).toBe(307);
    expect(page.headers.get('location')).toContain('/login?callbackUrl=%2Fruns');
  });
});
