// Brings up the services Suture needs (PostgreSQL, Temporal), reusing whatever already runs, and
// remembers which ones this process started so that only those are stopped on exit.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { StackConfig } from './config.ts';
import { serviceUnit } from './service-unit.ts';
import type { Unit } from './supervisor.ts';
import { ensureSystemPackages } from './system-packages.ts';
import {
  canQuery,
  clusterUrl,
  createDatabaseIfMissing,
  findPgBinDir,
  isClusterRunning,
  ownerCanWrite,
  postmasterPid,
  prepareOwnedDir,
  startCluster,
  stopCluster,
  type PgCluster,
} from './postgres.ts';
import {
  clearState,
  isPidAlive,
  isPortFree,
  readState,
  spawnDetached,
  stopPid,
  waitFor,
  writeState,
} from './process-utils.ts';
import {
  ensureTemporalBinary,
  ensureTemporalDataDir,
  temporalAnswers,
  temporalDevServerArgs,
} from './temporal.ts';

export type RunningService = {
  name: string;
  url: string;
  startedHere: boolean;
  detail: string;
  stop: () => Promise<void>;
  /** For a service of this checkout (not an external one): watches it and starts it again if it dies. */
  watch?: Unit;
};

export type EnsureServicesOptions = {
  /** Start the Temporal dev server with its Web UI (`npm start -- --temporal-ui`); it has no sign-in. */
  temporalUi?: boolean;
};

export type Services = {
  databaseUrl: string;
  temporalAddress: string;
  /** The Temporal Web UI's URL when it runs, null when it is off or unknown (an external server). */
  temporalUi: string | null;
  temporalBin: string | undefined;
  pgBinDir: string | undefined;
  services: RunningService[];
};

const projectCluster = (config: StackConfig, binDir: string): PgCluster => {
  const secretFile = join(config.dataDir, 'secrets', 'postgres-password');
  mkdirSync(join(config.dataDir, 'secrets'), { recursive: true, mode: 0o700 });
  if (!existsSync(secretFile))
    writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  let home = join(config.dataDir, 'postgres');
  prepareOwnedDir(home);
  if (!ownerCanWrite(home)) {
    // The checkout is not reachable by the `postgres` user (e.g. under a private home): keep the cluster outside.
    home = join('/var/lib/suture', config.checkoutId, 'postgres');
    prepareOwnedDir(home);
  }
  return {
    binDir,
    dataDir: join(home, 'data'),
    port: config.pgPort,
    // Beside the cluster, where its owner may write: .data/logs is this user's only (0700).
    logFile: join(home, 'postgres.log'),
    user: 'suture',
    password: readFileSync(secretFile, 'utf8').trim(),
  };
};

const ensurePostgres = async (
  config: StackConfig,
): Promise<{ service: RunningService; url: string; binDir: string | undefined }> => {
  if (config.databaseUrl) {
    if (!(await canQuery(config.databaseUrl, 5000)))
      throw new Error('DATABASE_URL is set but the database does not answer');
    return {
      url: config.databaseUrl,
      binDir: undefined,
      service: {
        name: 'postgres',
        url: redactUrl(config.databaseUrl),
        startedHere: false,
        detail: 'external (DATABASE_URL)',
        stop: () => Promise.resolve(),
      },
    };
  }
  const binDir = findPgBinDir(config.pgBinDir);
  const cluster = projectCluster(config, binDir);
  const alreadyRunning = isClusterRunning(cluster);
  await startCluster(cluster);
  await createDatabaseIfMissing(clusterUrl(cluster, 'postgres'), 'suture');
  const url = clusterUrl(cluster, 'suture');
  return {
    url,
    binDir,
    service: {
      name: 'postgres',
      url: redactUrl(url),
      startedHere: !alreadyRunning,
      detail: `${cluster.dataDir}, log ${cluster.logFile}`,
      stop: () => Promise.resolve(stopCluster(cluster)),
      watch: serviceUnit({
        name: 'postgres',
        pid: () => postmasterPid(cluster.dataDir),
        restart: () => startCluster(cluster),
      }),
    },
  };
};

const ensureTemporal = async (
  config: StackConfig,
  options: EnsureServicesOptions,
): Promise<{ service: RunningService; address: string; bin: string | undefined; ui: string | null }> => {
  if (config.temporalAddress) {
    if (!(await temporalAnswers(config.temporalAddress, 5000)))
      throw new Error(`TEMPORAL_ADDRESS=${config.temporalAddress} does not answer`);
    return {
      address: config.temporalAddress,
      // Tests still need the CLI and the time-skipping server binaries for their own environments.
      bin: ensureTemporalBinary({ configured: config.temporalBin, toolsDir: config.toolsDir }),
      ui: null,
      service: {
        name: 'temporal',
        url: config.temporalAddress,
        startedHere: false,
        detail: 'external (TEMPORAL_ADDRESS)',
        stop: () => Promise.resolve(),
      },
    };
  }
  const bin = ensureTemporalBinary({ configured: config.temporalBin, toolsDir: config.toolsDir });
  const address = `127.0.0.1:${config.temporalPort}`;
  const wantUi = options.temporalUi ?? false;
  const uiUrl = `http://127.0.0.1:${config.temporalUiPort}`;
  const logFile = join(config.logDir, 'temporal.log');
  const stopState = async () => {
    const current = readState(config.runDir, 'temporal');
    if (current) await stopPid(current.pid);
    clearState(config.runDir, 'temporal');
  };
  const currentPid = () => readState(config.runDir, 'temporal')?.pid;
  const start = async (ui: boolean) => {
    for (const port of ui ? [config.temporalPort, config.temporalUiPort] : [config.temporalPort]) {
      if (!(await isPortFree(port))) {
        throw new Error(
          `port ${port} is already taken by another process: set SUTURE_TEMPORAL_PORT / SUTURE_TEMPORAL_UI_PORT to free ports, or TEMPORAL_ADDRESS to use a running server`,
        );
      }
    }
    const dbFile = ensureTemporalDataDir(config.dataDir);
    const args = temporalDevServerArgs({
      dbFile,
      port: config.temporalPort,
      uiPort: config.temporalUiPort,
      namespace: config.temporalNamespace,
      ui,
    });
    // umask 077: the SQLite file and its journals are created 0600 (the dev server has no mode option).
    const pid = spawnDetached(bin, args, { logFile, umask: 0o077 });
    writeState(config.runDir, {
      name: 'temporal',
      pid,
      port: config.temporalPort,
      startedAt: new Date().toISOString(),
      url: address,
      ui,
    });
    const ready = await waitFor(() => temporalAnswers(address), 90_000, 500);
    if (!ready) {
      await stopState();
      throw new Error(`the Temporal dev server did not become healthy within 90 s; see ${logFile}`);
    }
    return pid;
  };
  const state = readState(config.runDir, 'temporal');
  const reused = state && isPidAlive(state.pid) && (await temporalAnswers(address));
  // A server from an earlier start keeps its UI setting (`npm run stop` first to change it).
  const ui = reused ? state.ui === true : wantUi;
  const pid = reused ? state.pid : await start(ui);
  return {
    address,
    bin,
    ui: ui ? uiUrl : null,
    service: {
      name: 'temporal',
      url: address,
      startedHere: !reused,
      detail: `pid ${pid}, Web UI ${ui ? uiUrl : 'off'}${reused ? '' : `, log ${logFile}`}`,
      stop: stopState,
      watch: serviceUnit({
        name: 'temporal',
        pid: currentPid,
        restart: async () => {
          await start(ui);
        },
      }),
    },
  };
};

export const redactUrl = (url: string) => url.replace(/\/\/([^:/@]+):([^@]+)@/, '//$1:***@');

export const ensureServices = async (
  config: StackConfig,
  options: EnsureServicesOptions = {},
): Promise<Services> => {
  ensureSystemPackages();
  const postgres = await ensurePostgres(config);
  const temporal = await ensureTemporal(config, options);
  return {
    databaseUrl: postgres.url,
    temporalAddress: temporal.address,
    temporalUi: temporal.ui,
    temporalBin: temporal.bin,
    pgBinDir: postgres.binDir,
    services: [postgres.service, temporal.service],
  };
};

export const stopStarted = async (services: RunningService[]) => {
  for (const service of [...services].reverse()) {
    if (!service.startedHere) continue;
    try {
      await service.stop();
      console.log(`suture: stopped ${service.name}`);
    } catch (error) {
      console.error(`suture: could not stop ${service.name}: ${(error as Error).message}`);
    }
  }
};
