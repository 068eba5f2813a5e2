// A project-local PostgreSQL cluster from the Debian server binaries: initdb'd on first use, started
// with pg_ctl on a loopback port, reused while it runs. Tests use the same code for throwaway clusters.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { aptInstall } from './apt.ts';
import { isPortFree, isRoot, run, waitFor } from './process-utils.ts';

export type PgCluster = {
  binDir: string;
  dataDir: string;
  port: number;
  logFile: string;
  user: string;
  password: string;
};

const pgBinCandidates = (): string[] => {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return [];
  return readdirSync(base)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(base, v, 'bin'))
    .filter((dir) => existsSync(join(dir, 'initdb')));
};

/** Finds the server binaries; installs Debian's `postgresql` when root and they are missing. */
export const findPgBinDir = (configured?: string): string => {
  if (configured) {
    if (!existsSync(join(configured, 'pg_ctl')))
      throw new Error(`SUTURE_PG_BIN_DIR=${configured} has no pg_ctl`);
    return configured;
  }
  const found = pgBinCandidates()[0];
  if (found) return found;
  aptInstall(
    ['postgresql'],
    'PostgreSQL server binaries are missing (or set DATABASE_URL to an existing server)',
  );
  const installed = pgBinCandidates()[0];
  if (!installed)
    throw new Error('postgresql was installed but no server binaries were found under /usr/lib/postgresql');
  return installed;
};

/** Postgres refuses to run as root: as root, the cluster belongs to the `postgres` system user. */
const asOwner = (command: string, args: string[]): [string, string[]] =>
  isRoot() ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];

const postgresUid = (): { uid: number; gid: number } | undefined => {
  if (!isRoot()) return undefined;
  const uid = run('id', ['-u', 'postgres']);
  const gid = run('id', ['-g', 'postgres']);
  if (uid.status !== 0)
    throw new Error('running as root but there is no `postgres` user; install the postgresql package');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
};

const giveToOwner = (path: string) => {
  const owner = postgresUid();
  if (owner) chownSync(path, owner.uid, owner.gid);
};

/** Whether the cluster's owner can reach `dir` (a checkout under a private home may not be). */
export const ownerCanWrite = (dir: string): boolean => {
  if (!isRoot()) return true;
  return run('runuser', ['-u', 'postgres', '--', 'test', '-w', dir]).status === 0;
};

/** The postmaster's pid from its lock file (the first line), if there is one. */
export const postmasterPid = (dataDir: string): number | undefined => {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

export const isClusterRunning = (cluster: Pick<PgCluster, 'binDir' | 'dataDir'>): boolean => {
  if (!existsSync(join(cluster.dataDir, 'PG_VERSION'))) return false;
  const [cmd, args] = asOwner(join(cluster.binDir, 'pg_ctl'), ['status', '-D', cluster.dataDir]);
  return run(cmd, args, { timeoutMs: 10_000 }).status === 0;
};

const initCluster = (cluster: PgCluster) => {
  mkdirSync(cluster.dataDir, { recursive: true, mode: 0o700 });
  giveToOwner(cluster.dataDir);
  const pwFile = join(tmpdir(), `suture-pw-${randomBytes(6).toString('hex')}`);
  writeFileSync(pwFile, `${cluster.password}\n`, { mode: 0o600 });
  giveToOwner(pwFile);
  try {
    const [cmd, args] = asOwner(join(cluster.binDir, 'initdb'), [
      '-D',
      cluster.dataDir,
      '-U',
      cluster.user,
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=peer',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const result = run(cmd, args, { timeoutMs: 120_000 });
    if (result.status !== 0) throw new Error(`initdb failed:\n${result.stderr || result.stdout}`);
  } finally {
    rmSync(pwFile, { force: true });
  }
};

export const clusterUrl = (cluster: Pick<PgCluster, 'user' | 'password' | 'port'>, database: string) =>
  `postgresql://${encodeURIComponent(cluster.user)}:${encodeURIComponent(cluster.password)}@127.0.0.1:${cluster.port}/${database}`;

export const canQuery = async (url: string, timeoutMs = 2000): Promise<boolean> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
};

export const createDatabaseIfMissing = async (adminUrl: string, database: string) => {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
};

/** Starts (initdb'ing first if needed) and waits until it answers queries. */
export const startCluster = async (cluster: PgCluster, timeoutMs = 60_000): Promise<void> => {
  if (!existsSync(join(cluster.dataDir, 'PG_VERSION'))) initCluster(cluster);
  if (isClusterRunning(cluster)) return;
  if (!(await isPortFree(cluster.port))) {
    throw new Error(
      `port ${cluster.port} is already taken by another process: choose a free one with SUTURE_PG_PORT, or point DATABASE_URL at an existing server`,
    );
  }
  if (!existsSync(cluster.logFile)) writeFileSync(cluster.logFile, '', { mode: 0o600 });
  giveToOwner(cluster.logFile);
  const [cmd, args] = asOwner(join(cluster.binDir, 'pg_ctl'), [
    'start',
    '-D',
    cluster.dataDir,
    '-l',
    cluster.logFile,
    '-w',
    '-t',
    String(Math.ceil(timeoutMs / 1000)),
    '-o',
    `-p ${cluster.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${cluster.dataDir} -c fsync=off -c max_connections=200`,
  ]);
  // pg_ctl forks the postmaster into the background: it keeps running after this process exits.
  const result = run(cmd, args, { timeoutMs: timeoutMs + 5000 });
  if (result.status !== 0) {
    const tail = existsSync(cluster.logFile)
      ? readFileSync(cluster.logFile, 'utf8').split('\n').slice(-15).join('\n')
      : '';
    throw new Error(
      `PostgreSQL did not start (pg_ctl exit ${result.status}): ${result.stderr.trim()}\n${tail}`,
    );
  }
  const ready = await waitFor(() => canQuery(clusterUrl(cluster, 'postgres')), timeoutMs);
  if (!ready)
    throw new Error(
      `PostgreSQL started but does not answer on 127.0.0.1:${cluster.port}; see ${cluster.logFile}`,
    );
};

export const stopCluster = (
  cluster: Pick<PgCluster, 'binDir' | 'dataDir'>,
  mode: 'fast' | 'immediate' = 'fast',
) => {
  if (!isClusterRunning(cluster)) return;
  const [cmd, args] = asOwner(join(cluster.binDir, 'pg_ctl'), [
    'stop',
    '-D',
    cluster.dataDir,
    '-m',
    mode,
    '-w',
    '-t',
    '30',
  ]);
  const result = run(cmd, args, { timeoutMs: 40_000 });
  if (result.status !== 0) throw new Error(`pg_ctl stop failed: ${result.stderr.trim()}`);
};

/** Prepares a directory (0700) the cluster's owner can write, creating it if needed. */
export const prepareOwnedDir = (dir: string) => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  giveToOwner(dir);
  chmodSync(dir, 0o700);
};
