// `npm start`: the services, the local sign-in, the built dashboard and the worker, kept running by the
// supervisor (a crashed worker, dashboard, Temporal or Postgres is restarted with backoff), then the demo.
// It stops everything on Ctrl-C / SIGTERM, or when a process has spent its restart budget (exit 1).
import { join, relative } from 'node:path';
import { demoCases } from '../demo/demo-cases.ts';
import { repoRoot, type StackConfig } from './config.ts';
import { childUnit } from './child-unit.ts';
import { clearState, isPidAlive, isPortFree, readState, waitFor, writeState } from './process-utils.ts';
import { ensureServices, redactUrl, stopStarted, type Services } from './services.ts';
import {
  ensureApiToken,
  log,
  migrate,
  npx,
  printServices,
  runInherited,
  seconds,
  serviceEnv,
} from './stack-env.ts';
import type { LocalSignIn } from './start-local-sign-in.ts';
import { defaultRestartPolicy, formatWindow } from './restart-policy.ts';
import { createSupervisor, type GaveUp } from './supervisor.ts';

const startFlags = ['--no-demo', '--exit-when-ready', '--temporal-ui'] as const;
type StartFlag = (typeof startFlags)[number];

export const parseStartFlags = (args: string[]): Set<StartFlag> => {
  const unknown = args.filter((arg) => !(startFlags as readonly string[]).includes(arg));
  if (unknown.length > 0)
    throw new Error(`unknown option ${unknown.join(' ')} for npm start (expected ${startFlags.join(', ')})`);
  return new Set(args as StartFlag[]);
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

const describeTemporalUi = (services: Services, asked: boolean) => {
  if (services.temporalUi) return `Web UI ${services.temporalUi}, on: it has no sign-in`;
  if (asked) return 'Web UI off: this Temporal server was started without it (`npm run stop` first)';
  return 'Web UI off; `npm start -- --temporal-ui` turns it on';
};

const alreadyRunning = (config: StackConfig): boolean => {
  const existing = readState(config.runDir, 'app');
  if (!existing || !isPidAlive(existing.pid)) return false;
  log(`Suture is already running (pid ${existing.pid}, started ${existing.startedAt}).`);
  log(`  dashboard ${existing.url}`);
  const temporal = readState(config.runDir, 'temporal');
  if (temporal) log(`  temporal  ${temporal.url} (pid ${temporal.pid})`);
  log('Nothing new was started. Stop it with Ctrl-C in its terminal or `npm run stop`.');
  return true;
};

export const commandStart = async (config: StackConfig, args: string[]): Promise<number> => {
  const flags = parseStartFlags(args);
  if (alreadyRunning(config)) return 0;
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

  const supervisor = createSupervisor({ log });
  let services: Services | undefined;
  let signIn: LocalSignIn | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping...');
    await supervisor.stop();
    await signIn?.stop().catch(() => undefined);
    if (services) await stopStarted(services.services);
    clearState(config.runDir, 'app');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGHUP', () => void shutdown(0));
  void supervisor.gaveUp.then(({ name, restarts, window, lastExit }: GaveUp) => {
    console.error(
      `suture: ${name} kept crashing (restarted ${restarts} times in ${window}, then ${lastExit}); stopping everything.`,
    );
    void shutdown(1);
  });

  try {
    services = await ensureServices(config, { temporalUi: flags.has('--temporal-ui') });
    log(`services ready in ${seconds(started)}`);
    printServices(services);
    for (const service of services.services) if (service.watch) await supervisor.add(service.watch);
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
    await supervisor.add(
      childUnit({
        name: 'worker',
        command: npx('tsx'),
        args: ['apps/worker/src/main.ts'],
        env,
        cwd: repoRoot,
      }),
    );
    await supervisor.add(
      childUnit({
        name: 'web',
        command: npx('next'),
        args: ['start', '-p', String(config.webPort), '-H', '127.0.0.1'],
        env: { ...env, ...signIn.env, PORT: String(config.webPort) },
        cwd: join(repoRoot, 'apps/web'),
      }),
    );
    const healthy = await waitFor(async () => (await fetch(`${url}/api/health?deep=1`)).ok, 120_000, 1000);
    if (!healthy) throw new Error(`the dashboard did not become healthy at ${url}/api/health within 120 s`);
    log(`ready in ${seconds(started)}`);
    log(`  dashboard  ${url}`);
    log(`  database   ${redactUrl(services.databaseUrl)}`);
    log(
      `  temporal   ${services.temporalAddress} (${describeTemporalUi(services, flags.has('--temporal-ui'))})`,
    );
    log(`  logs       ${config.logDir}`);
    log(`  processes  worker pid ${supervisor.pidOf('worker')}, web pid ${supervisor.pidOf('web')}`);
    log(
      `  restarts   a crashed worker, dashboard, Temporal or Postgres is restarted (${defaultRestartPolicy.maxRestarts} times in ${formatWindow(defaultRestartPolicy.windowMs)} at most)`,
    );
    printSignIn(signIn);
    if (!flags.has('--no-demo')) await runStartDemo({ config, url, env, services, signIn, started });
    log('Press Ctrl-C to stop.');
    if (flags.has('--exit-when-ready')) await shutdown(0);
    await new Promise<never>(() => {});
    return 0;
  } catch (error) {
    console.error(`suture: ${(error as Error).message}`);
    await shutdown(1);
    return 1;
  }
};

const runStartDemo = async (options: {
  config: StackConfig;
  url: string;
  env: NodeJS.ProcessEnv;
  services: Services;
  signIn: LocalSignIn;
  started: number;
}) => {
  const { config, url, env, services, signIn, started } = options;
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
};
