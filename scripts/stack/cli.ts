// The stack manager behind `npm start`, `npm test`, `npm run services` and `npm run stop`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadStackConfig, repoRoot, type StackConfig } from './config.ts';
import { commandStart } from './command-start.ts';
import { commandTest } from './command-test.ts';
import { clearState, isPidAlive, readState, waitFor } from './process-utils.ts';
import { findPgBinDir, isClusterRunning, stopCluster } from './postgres.ts';
import { secureDataDir } from './secure-data-dir.ts';
import { ensureServices, stopStarted } from './services.ts';
import { log, migrate, printServices, runInherited, serviceEnv } from './stack-env.ts';

const commandServices = async (config: StackConfig, args: string[]): Promise<number> => {
  const services = await ensureServices(config, { temporalUi: args.includes('--temporal-ui') });
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
  // Before anything writes there: secrets, databases, logs and spools are for this user only.
  for (const note of secureDataDir({ dataDir: config.dataDir })) log(note);
  switch (command) {
    case 'test':
      return commandTest(config, args);
    case 'start':
      return commandStart(config, args);
    case 'services':
      return commandServices(config, args);
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
