// Playwright global setup: the whole Suture stack on the real services of the environment (DATABASE_URL,
// TEMPORAL_ADDRESS from `npm run test:e2e` / `npm test`), and healing runs seeded through the production
// path. The specs find everything in e2e/.state/stack.json (see stack-state.ts and fixtures.ts).
//   1. a fresh migrated database          4. the worker on a task queue of its own (1 test run per phase)
//   2. the local OpenID Provider, one     5. runs of repair fixtures via POST /api/ingest, each waiting
//      seeded user per role                  for approval
//   3. the built dashboard (`next start`) wired to that provider
// Failing half way, it stops what it started before rethrowing; global-teardown.ts stops the rest.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase } from '@suture/db/testing/temporary-database';
import { seedRoleUsers, seededRoles } from '../../scripts/oidc/seed-role-users.ts';
import { freePort } from '../../scripts/stack/process-utils.ts';
import { buildWebApp } from './build-web-app.ts';
import { seedRuns } from './seed-runs.ts';
import { spawnService } from './spawn-service.ts';
import {
  clearStackState,
  readStackState,
  repoRoot,
  writeStackState,
  type StackProcess,
  type StackState,
} from './stack-state.ts';
import { stopStack } from './stop-stack.ts';
import { waitUntil } from './wait-until.ts';

/** Three failures the offline fixers heal: two type errors (compiler fixes) and formatting drift. */
const SEEDED_FIXTURES = ['ts-missing-import', 'ts-renamed-export', 'prettier-drift'];
const SERVICE_TIMEOUT_MS = 120_000;
const SEED_TIMEOUT_MS = 300_000;

const since = (started: number) => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (message: string) => console.log(`e2e setup: ${message}`);

const tail = (service: StackProcess | undefined, chars = 4000) => {
  if (!service || !existsSync(service.logFile)) return '';
  return `--- ${service.name} log (${service.logFile}), last ${chars} chars ---\n${readFileSync(service.logFile, 'utf8').slice(-chars)}`;
};

const requiredEnv = (name: string) => {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run the e2e tests with \`npm run test:e2e\` (or \`npm test\`), which start the services`,
    );
  return value;
};

/** A probe that is done on a 2xx; otherwise it fails with the answer, which waitUntil reports last. */
const httpOk = (url: string) => async () => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${(await response.text()).slice(0, 500)}`);
  return true;
};

export default async function globalSetup() {
  const started = Date.now();
  // A runner that was killed never tore down: stop its leftovers before taking new ports and names.
  const leftover = readStackState();
  if (leftover) {
    say(`stopping the leftovers of an earlier run (${leftover.id})`);
    await stopStack(leftover).catch((error: unknown) => say(String(error)));
    // Whatever could not be stopped now is reported above; a new stack must not wait on it.
    clearStackState();
  }
  const browser = process.env.SUTURE_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(browser))
    throw new Error(
      `no browser at ${browser}: apt-get install chromium (npm test installs it) or set SUTURE_CHROMIUM`,
    );
  const serverDatabaseUrl = requiredEnv('DATABASE_URL');
  const temporalAddress = requiredEnv('TEMPORAL_ADDRESS');
  const [oidcPort, webPort] = [await freePort(), await freePort()];
  const baseURL = `http://127.0.0.1:${webPort}`;
  // localhost, not 127.0.0.1: another *site* than the dashboard, as a real identity provider is, so
  // every sign-in is the cross-site callback that the SameSite=Strict session cookie has to survive.
  const oidcIssuer = `http://localhost:${oidcPort}`;
  const password = randomBytes(12).toString('base64url');
  const client = { id: 'suture-e2e', secret: randomBytes(24).toString('hex') };
  const state: StackState = {
    id: randomUUID(),
    ready: false,
    startedAt: new Date().toISOString(),
    baseURL,
    oidcIssuer,
    databaseUrl: '',
    databaseName: '',
    serverDatabaseUrl,
    temporalAddress,
    taskQueue: `e2e-${randomUUID()}`,
    apiToken: randomBytes(24).toString('base64url'),
    users: seedRoleUsers({ password }).map((user) => {
      const role = seededRoles.find((candidate) => user.groups.includes(candidate));
      if (!role) throw new Error(`seeded user ${user.email} has no role group`);
      return { ...user, role };
    }),
    runs: [],
    processes: [],
    tempDirs: [],
  };
  // Written after every step, so a crash at any point leaves what the next setup needs to clean up.
  const save = () => writeStackState(state);
  const service = (name: string) => state.processes.find((p) => p.name === name);
  let db: Database | undefined;
  try {
    say(buildWebApp({ env: process.env }));

    const temp = await createMigratedDatabase(serverDatabaseUrl);
    state.databaseUrl = temp.url;
    state.databaseName = temp.name;
    save();
    db = createDatabase({ databaseUrl: temp.url, maxConnections: 2 });
    const dataDir = mkdtempSync(join(tmpdir(), 'suture-e2e-data-'));
    // Traversable, as the stack makes .data: the sandbox's uid binds the shared dependency install under cache/.
    chmodSync(dataDir, 0o711);
    const cloneRoot = mkdtempSync(join(tmpdir(), 'suture-e2e-repos-'));
    state.tempDirs.push(dataDir, cloneRoot);
    save();
    say(`database ${temp.name} migrated after ${since(started)}`);

    state.processes.push(
      spawnService({
        name: 'oidc',
        command: process.execPath,
        args: ['--import', 'tsx', join(repoRoot, 'scripts/oidc/main.ts')],
        cwd: repoRoot,
        stackId: state.id,
        env: {
          ...process.env,
          OIDC_PROVIDER_PORT: String(oidcPort),
          OIDC_PROVIDER_ISSUER_HOST: 'localhost',
          OIDC_CLIENT_ID: client.id,
          OIDC_CLIENT_SECRET: client.secret,
          OIDC_REDIRECT_URIS: `${baseURL}/api/auth/callback/oidc`,
          OIDC_USERS_PASSWORD: password,
        },
      }),
    );
    save();
    const nextBin = createRequire(join(repoRoot, 'apps/web/package.json')).resolve('next/dist/bin/next');
    state.processes.push(
      spawnService({
        name: 'web',
        command: process.execPath,
        args: [nextBin, 'start', '-p', String(webPort), '-H', '127.0.0.1'],
        cwd: join(repoRoot, 'apps/web'),
        stackId: state.id,
        env: {
          ...process.env,
          NEXT_TELEMETRY_DISABLED: '1',
          DATABASE_URL: temp.url,
          TEMPORAL_ADDRESS: temporalAddress,
          SUTURE_TASK_QUEUE: state.taskQueue,
          SUTURE_API_TOKEN: state.apiToken,
          // The seeded runs' clones are the only repositories the intake accepts.
          SUTURE_LOCAL_REPO_ROOTS: cloneRoot,
          OIDC_ISSUER: oidcIssuer,
          OIDC_CLIENT_ID: client.id,
          OIDC_CLIENT_SECRET: client.secret,
          NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
          NEXTAUTH_URL: baseURL,
        },
      }),
    );
    save();
    state.processes.push(
      spawnService({
        name: 'worker',
        command: process.execPath,
        args: ['--import', 'tsx', join(repoRoot, 'apps/worker/src/main.ts')],
        cwd: repoRoot,
        stackId: state.id,
        env: {
          ...process.env,
          LOG_LEVEL: 'info',
          DATABASE_URL: temp.url,
          TEMPORAL_ADDRESS: temporalAddress,
          SUTURE_TASK_QUEUE: state.taskQueue,
          SUTURE_DATA_DIR: dataDir,
          SUTURE_LOCAL_REPO_ROOTS: cloneRoot,
          SUTURE_DASHBOARD_URL: baseURL,
          // One sandboxed run per phase instead of three: the specs test the dashboard, not flakiness.
          SUTURE_TEST_RUNS: '1',
        },
      }),
    );
    save();

    await waitUntil({
      what: `the OpenID Provider at ${oidcIssuer}`,
      probe: httpOk(`${oidcIssuer}/.well-known/openid-configuration`),
      timeoutMs: SERVICE_TIMEOUT_MS,
      context: () => tail(service('oidc')),
    });
    // The deep health check answers 200 once the database, Temporal and a worker on our queue all answer.
    await waitUntil({
      what: `the dashboard and the worker (${baseURL}/api/health?deep=1)`,
      probe: httpOk(`${baseURL}/api/health?deep=1`),
      timeoutMs: SERVICE_TIMEOUT_MS,
      intervalMs: 500,
      context: () => `${tail(service('web'))}\n${tail(service('worker'))}`,
    });
    say(`OpenID Provider, dashboard and worker up after ${since(started)}`);

    state.runs = await seedRuns({
      baseURL,
      apiToken: state.apiToken,
      db,
      fixtures: SEEDED_FIXTURES,
      cloneRoot,
      timeoutMs: SEED_TIMEOUT_MS,
      context: () => `${tail(service('worker'), 8000)}\n${tail(service('web'), 2000)}`,
    });
    state.ready = true;
    save();
    say(`${state.runs.length} runs waiting for approval after ${since(started)}`);
    for (const run of state.runs) {
      const stages = await db.healingStage.findMany({
        where: { healingRunId: run.healingRunId },
        orderBy: { startedAt: 'asc' },
        select: { stage: true, durationMs: true },
      });
      say(
        `  ${run.fixture}: ${stages.map((s) => `${s.stage} ${((s.durationMs ?? 0) / 1000).toFixed(1)} s`).join(', ')}`,
      );
    }
  } catch (error) {
    // Keep the state file when stopping failed too: the next setup retries from it.
    await stopStack(state).then(clearStackState, (stopError: unknown) => say(String(stopError)));
    throw error;
  } finally {
    await db?.$disconnect();
  }
  // playwright.config.ts reads it in the worker processes, which start after this and inherit it.
  process.env.SUTURE_E2E_BASE_URL = baseURL;
}
