// What every stack command shares: the log prefix, the environment the apps get, running a command with
// inherited output, and migrating the database.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, type StackConfig } from './config.ts';
import { ensureSecret } from './ensure-secret.ts';
import { ensureSandboxToolchains } from './sandbox-toolchains.ts';
import type { Services } from './services.ts';
import { temporalTestServerPath } from './temporal.ts';

export const log = (message: string) => console.log(`suture: ${message}`);
export const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The machine-API token of this checkout (`suture ingest` reads the same file). */
export const ensureApiToken = (config: StackConfig): string =>
  ensureSecret({ dataDir: config.dataDir, name: 'api-token', bytes: 24 });

export const serviceEnv = (config: StackConfig, services: Services): NodeJS.ProcessEnv => {
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
    // The web app registers, and the worker pushes into, local repositories under these folders only.
    SUTURE_LOCAL_REPO_ROOTS: config.localRepoRoots.join(':'),
    ...(services.temporalBin ? { SUTURE_TEMPORAL_BIN: services.temporalBin } : {}),
    ...(temporalTestServerPath(config.toolsDir)
      ? { SUTURE_TEMPORAL_TEST_SERVER_BIN: temporalTestServerPath(config.toolsDir) }
      : {}),
    ...(services.pgBinDir ? { SUTURE_PG_BIN_DIR: services.pgBinDir } : {}),
    ...(toolchains.paths.length > 0 ? { SUTURE_SANDBOX_TOOLCHAINS: toolchains.paths.join(':') } : {}),
  };
};

export const npx = (bin: string) => join(repoRoot, 'node_modules', '.bin', bin);

/** Runs a command with inherited output and resolves with its exit code. */
export const runInherited = (command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> =>
  new Promise((done) => {
    const child = spawn(command, args, { cwd: repoRoot, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', () => done(127));
  });

export const migrate = async (env: NodeJS.ProcessEnv) => {
  const started = Date.now();
  const code = await runInherited(
    process.execPath,
    [join(repoRoot, 'packages/db/scripts/prisma.mjs'), 'migrate', 'deploy'],
    env,
  );
  if (code !== 0) throw new Error('database migration failed (see above)');
  log(`database migrated in ${seconds(started)}`);
};

export const printServices = (services: Services) => {
  for (const s of services.services)
    log(`  ${s.name.padEnd(9)} ${s.url}  (${s.startedHere ? 'started' : 'already running'}; ${s.detail})`);
};
