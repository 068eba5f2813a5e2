// The stack manager behind `npm start`, `npm test`, `npm run services` and `npm run stop`.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { demoCases } from '../demo/demo-cases.ts';
import { loadStackConfig, repoRoot, type StackConfig } from './config.ts';
import { ensureSecret } from './ensure-secret.ts';
import { clearState, isPidAlive, isPortFree, readState, waitFor, writeState } from './process-utils.ts';
import { findPgBinDir, isClusterRunning, stopCluster } from './postgres.ts';
import { ensureSandboxToolchains } from './sandbox-toolchains.ts';
import { ensureServices, redactUrl, stopStarted, type Services } from './services.ts';
import type { LocalSignIn } from './start-local-sign-in.ts';
import { temporalTestServerPath } from './temporal.ts';
import { runE2e } from './run-e2e.ts';
import { collectTotals } from './test-summary.ts';

const log = (message: string) => console.log(`suture: ${message}`);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The machine-API token of this checkout (`suture ingest` reads the same file). */
const ensureApiToken = (config: StackConfig): string =>
  ensureSecret({ dataDir: config.dataDir, name: 'api-token', bytes: 24 });

const serviceEnv = (config: StackConfig, services: Services): NodeJS.ProcessEnv => {
  const toolchains = ensureSandboxToolchains({
    toolsDir: config.toolsDir,
    fallbackDir: join('/var/lib/suture', config.checkoutId, 'tools'),
    env: process.env,
  });
  for (const note of toolchains.notes) log(`note: ${note}`);
  return {
    ...process.env,
    SUTURE_API_TOKEN: config.apiToken ?? ensureApiToken(config),
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: services.databaseUrl,
    TEMPORAL_ADDRESS: services.temporalAddress,
    SUTURE_DATA_DIR: config.dataDir,
    ...(services.temporalBin ? { SUTURE_TEMPORAL_BIN: services.temporalBin } : {}),
    ...(temporalTestServerPath(config.toolsDir)
      ? { SUTURE_TEMPORAL_TEST_SERVER_BIN: temporalTestServerPath(config.toolsDir) }
      : {}),
    ...(services.pgBinDir ? { SUTURE_PG_BIN_DIR: services.pgBinDir } : {}),
    ...(toolchains.paths.length > 0 ? { SUTURE_SANDBOX_TOOLCHAINS: toolchains.paths.join(':') } : {}),
  };
};

const npx = (bin: string) => join(repoRoot, 'node_modules', '.bin', bin);

/** Runs a command with inherited output and resolves with its exit code. */
const runInherited = (command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((done) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', () => done(127));
  });

const migrate = async (env: NodeJS.ProcessEnv) => {
  const started = Date.now();
  const code = await runInherited(
    process.execPath,
    [join(repoRoot, 'packages/db/scripts/prisma.mjs'), 'migrate', 'deploy'],
    env,
  );
  if (code !== 0) throw new Error('database migration failed (see above)');
  log(`database migrated in ${seconds(started)}`);
};

const printServices = (services: Services) => {
  for (const s of services.services)
    log(`  ${s.name.padEnd(9)} ${s.url}  (${s.startedHere ? 'started' : 'already running'}; ${s.detail})`);
};

const commandTest = async (config: StackConfig, extraArgs: string[]): Promise<number> => {
  const started = Date.now();
  const services = await ensureServices(config);
  log(`services ready in ${seconds(started)}`);
  printServices(services);
  const env = serviceEnv(config, services);
  const reportsDir = join(repoRoot, 'reports');
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(reportsDir, { recursive: true });
  let code = 1;
  try {
    await migrate(env);
    // Static checks first (cheap, parallel); then the suites one workspace at a time, since each already
    // uses every core and several start servers and sandboxes of their own.
    const checks = await runInherited(
      npx('turbo'),
      ['run', 'lint', 'typecheck', 'lint:root', 'typecheck:root', '--output-logs=errors-only', ...extraArgs],
      env,
    );
    const suites = await runInherited(
      npx('turbo'),
      ['run', 'test', 'test:root', '--concurrency=1', '--output-logs=new-only', ...extraArgs],
      env,
    );
    // The dashboard's browser tests (Playwright) run whatever the suites did, so one CI run reports every
    // failure; their global setup starts a stack of its own on these services and stops it again.
    const e2e = await runE2e({ env });
    code = checks !== 0 ? checks : suites !== 0 ? suites : e2e;
  } finally {
    await stopStarted(services.services);
  }
  const totals = collectTotals(reportsDir);
  for (const line of totals.suites) log(line);
  log(`npm test finished in ${seconds(started)} (exit ${code})`);
  if (code !== 0 && totals.failed === 0) totals.failed = 1; // a failing lint/typecheck/build counts too
  console.log(
    `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
  return code;
};

type Child = { name: string; process: ChildProcess };

const startChild = (
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd = repoRoot,
): Child => {
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = `[${name}] `;
  const forward = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) =>
    stream?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) out.write(`${prefix}${line}\n`);
    });
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  return { name, process: child };
};

const stopChildren = async (children: Child[]) => {
  for (const child of children) {
    if (child.process.exitCode !== null || !child.process.pid) continue;
    try {
      process.kill(-child.process.pid, 'SIGTERM');
    } catch {
      child.process.kill('SIGTERM');
    }
  }
  await waitFor(
    () =>
      Promise.resolve(children.every((c) => c.process.exitCode !== null || c.process.signalCode !== null)),
    10_000,
    100,
  );
  for (const child of children)
    if (child.process.exitCode === null && child.process.pid) process.kill(-child.process.pid, 'SIGKILL');
};

const commandStart = async (config: StackConfig, args: string[]): Promise<number> => {
  const existing = readState(config.runDir, 'app');
  if (existing && isPidAlive(existing.pid)) {
    log(`Suture is already running (pid ${existing.pid}, started ${existing.startedAt}).`);
    log(`  dashboard ${existing.url}`);
    for (const name of ['temporal']) {
      const s = readState(config.runDir, name);
      if (s) log(`  ${name.padEnd(9)} ${s.url} (pid ${s.pid})`);
    }
    log('Nothing new was started. Stop it with Ctrl-C in its terminal or `npm run stop`.');
    return 0;
  }
  const started = Date.now();
  const url = `http://127.0.0.1:${config.webPort}`;
  if (!(await isPortFree(config.webPort)))
    throw new Error(`port ${config.webPort} is already taken: set PORT to a free port`);
  writeState(config.runDir, {
    name: 'app',
    pid: process.pid,
    port: config.webPort,
    startedAt: new Date().toISOString(),
    url,
  });

  const withDemo = !args.includes('--no-demo');
  const children: Child[] = [];
  let services: Services | undefined;
  let signIn: LocalSignIn | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    await stopChildren(children);
    await signIn?.stop().catch(() => undefined);
    if (services) await stopStarted(services.services);
    clearState(config.runDir, 'app');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));

  try {
    services = await ensureServices(config);
    log(`services ready in ${seconds(started)}`);
    printServices(services);
    const env: NodeJS.ProcessEnv = { ...serviceEnv(config, services), SUTURE_DASHBOARD_URL: url };
    await migrate(env);
    // Loaded here so other commands do not load oidc-provider (which warns on Node 20 whenever it loads).
    const { startLocalSignIn } = await import('./start-local-sign-in.ts');
    signIn = await startLocalSignIn({ config, dashboardUrl: url, env });
    const buildStarted = Date.now();
    const build = await runInherited(
      npx('turbo'),
      ['run', 'build', '--filter=@suture/web', '--output-logs=errors-only'],
      env,
    );
    if (build !== 0) throw new Error('building the web app failed (see above)');
    log(`web app built in ${seconds(buildStarted)}`);
    children.push(startChild('worker', npx('tsx'), ['apps/worker/src/main.ts'], env));
    children.push(
      startChild(
        'web',
        npx('next'),
        ['start', '-p', String(config.webPort), '-H', '127.0.0.1'],
        { ...env, ...signIn.env, PORT: String(config.webPort) },
        join(repoRoot, 'apps/web'),
      ),
    );
    for (const child of children) {
      child.process.on('exit', (code) => {
        if (!stopping) {
          console.error(`suture: ${child.name} exited unexpectedly (code ${code}); stopping everything.`);
          void shutdown(1);
        }
      });
    }
    const healthy = await waitFor(async () => (await fetch(`${url}/api/health?deep=1`)).ok, 120_000, 1000);
    if (!healthy) throw new Error(`the dashboard did not become healthy at ${url}/api/health within 120 s`);
    log(`ready in ${seconds(started)}`);
    log(`  dashboard  ${url}`);
    log(`  database   ${redactUrl(services.databaseUrl)}`);
    log(`  temporal   ${services.temporalAddress} (UI http://127.0.0.1:${config.temporalUiPort})`);
    log(`  logs       ${config.logDir}`);
    printSignIn(signIn);
    if (withDemo) {
      log(
        `demo: ${demoCases.length} repositories with real CI failures under ${relative(repoRoot, join(config.dataDir, 'demo'))}/, reported through ${url}/api/ingest`,
      );
      // Loaded only now: it needs the Prisma client, which the build above generates on a fresh clone.
      const { runDemo } = await import('../demo/run-demo.ts');
      const demo = await runDemo({
        dashboardUrl: url,
        apiToken: env.SUTURE_API_TOKEN ?? ensureApiToken(config),
        dataDir: config.dataDir,
        databaseUrl: services.databaseUrl,
        organizationSlug: config.defaultOrg,
        log: (line) => log(`demo  ${line}`),
      });
      log(
        `${demo.summary}${demo.timedOut ? ' (stopped waiting after 20 minutes)' : ''}, ${seconds(started)} after the stack started`,
      );
      log(
        `  dashboard  ${url}${signIn.users.length > 0 ? '  (sign in as approver@suture.local to approve)' : ''}`,
      );
    }
    log('Press Ctrl-C to stop.');
    if (args.includes('--exit-when-ready')) await shutdown(0);
    await new Promise<never>(() => {});
    return 0;
  } catch (error) {
    console.error(`suture: ${(error as Error).message}`);
    await shutdown(1);
    return 1;
  }
};

const printSignIn = (signIn: LocalSignIn) => {
  if (signIn.users.length === 0) {
    log(`  sign-in    ${signIn.issuer} (OIDC_ISSUER)`);
    return;
  }
  log(
    `  sign-in    local OpenID Provider at ${signIn.issuer}, one user per role, password ${signIn.password ?? ''}`,
  );
  for (const user of signIn.users) log(`             ${user.email.padEnd(22)} ${user.groups.join(', ')}`);
};

const commandServices = async (config: StackConfig): Promise<number> => {
  const services = await ensureServices(config);
  printServices(services);
  console.log(`export DATABASE_URL='${services.databaseUrl}'`);
  console.log(`export TEMPORAL_ADDRESS='${services.temporalAddress}'`);
  return 0;
};

const commandStop = async (config: StackConfig): Promise<number> => {
  const app = readState(config.runDir, 'app');
  if (app && isPidAlive(app.pid)) {
    process.kill(app.pid, 'SIGTERM');
    await waitFor(() => Promise.resolve(!isPidAlive(app.pid)), 20_000, 200);
    log(`stopped the running npm start (pid ${app.pid})`);
  }
  const temporal = readState(config.runDir, 'temporal');
  if (temporal && isPidAlive(temporal.pid)) {
    process.kill(-temporal.pid, 'SIGTERM');
    await waitFor(() => Promise.resolve(!isPidAlive(temporal.pid)), 10_000, 200);
    log('stopped temporal');
  }
  clearState(config.runDir, 'temporal');
  if (!config.databaseUrl) {
    const binDir = findPgBinDir(config.pgBinDir);
    for (const dataDir of [
      join(config.dataDir, 'postgres', 'data'),
      join('/var/lib/suture', config.checkoutId, 'postgres', 'data'),
    ]) {
      if (existsSync(dataDir) && isClusterRunning({ binDir, dataDir })) {
        stopCluster({ binDir, dataDir });
        log(`stopped postgres (${dataDir})`);
      }
    }
  }
  return 0;
};

/** Runs any command with the services up and their addresses in its environment (benchmarks use it). */
const commandRun = async (config: StackConfig, args: string[]): Promise<number> => {
  const command = args[0] === '--' ? args.slice(1) : args;
  if (command.length === 0) throw new Error('usage: npm run services -- run <command> [args...]');
  const services = await ensureServices(config);
  const env = serviceEnv(config, services);
  try {
    await migrate(env);
    return await runInherited(command[0]!, command.slice(1), {
      ...env,
      PATH: `${join(repoRoot, 'node_modules', '.bin')}:${env.PATH ?? ''}`,
    });
  } finally {
    await stopStarted(services.services);
  }
};

const main = async () => {
  const [command = 'start', ...args] = process.argv.slice(2);
  const config = loadStackConfig();
  mkdirSync(config.logDir, { recursive: true });
  switch (command) {
    case 'test':
      return commandTest(config, args);
    case 'start':
      return commandStart(config, args);
    case 'services':
      return commandServices(config);
    case 'stop':
      return commandStop(config);
    case 'run':
      return commandRun(config, args);
    default:
      console.error(`suture: unknown command ${command} (expected start, test, services, run or stop)`);
      return 2;
  }
};

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`suture: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
