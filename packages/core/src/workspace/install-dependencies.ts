import { createHash, randomUUID } from 'node:crypto';
import { copyFile, lstat, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { runInstallCommand, type InstallIsolation } from './run-install-command.ts';
import type { Tooling } from './tooling.ts';

export type InstallReport = {
  method: 'none' | 'present' | 'linked-source' | 'linked-cache' | 'installed';
  command: string | null;
  durationMs: number;
  output: string;
};

// lstat: a dangling symlink still occupies the name.
const exists = async (path: string): Promise<boolean> =>
  lstat(path).then(
    () => true,
    () => false,
  );

const installCommand = (tooling: NonNullable<Tooling['node']>): [string, string[]] => {
  switch (tooling.packageManager) {
    case 'pnpm':
      return ['pnpm', ['install', '--frozen-lockfile']];
    case 'yarn':
      return ['yarn', ['install', '--frozen-lockfile']];
    case 'bun':
      return ['bun', ['install', '--frozen-lockfile']];
    default:
      return tooling.lockfile
        ? ['npm', ['ci', '--no-audit', '--no-fund']]
        : ['npm', ['install', '--no-audit', '--no-fund']];
  }
};

const sameFile = async (a: string, b: string): Promise<boolean> => {
  const [left, right] = await Promise.all([readFile(a).catch(() => null), readFile(b).catch(() => null)]);
  return left !== null && right !== null && left.equals(right);
};

/** The lockfile's hash without the root package's own name and version, which do not change what gets installed. */
const lockfileKey = async (path: string): Promise<string> => {
  const text = await readFile(path, 'utf8');
  let normalized = text;
  try {
    const lock = JSON.parse(text) as {
      name?: unknown;
      version?: unknown;
      packages?: Record<string, { name?: unknown; version?: unknown }>;
    };
    const root = lock.packages?.[''];
    if (root) {
      delete root.name;
      delete root.version;
    }
    delete lock.name;
    delete lock.version;
    normalized = JSON.stringify(lock);
  } catch {
    // Not JSON: hash it as it is.
  }
  return createHash('sha256').update(normalized).digest('hex').slice(0, 16);
};

/**
 * The repository's own npm configuration (`legacy-peer-deps`, `engine-strict`, a registry): it changes what gets
 * installed, so it travels with the lockfile into the shared install and into its cache key.
 */
const npmrcOf = async (dir: string): Promise<Buffer | null> => {
  const path = join(dir, '.npmrc');
  const info = await lstat(path).catch(() => null);
  return info?.isFile() ? readFile(path) : null;
};

/**
 * Installs the repository's own dependencies, lockfile first. Installs are shared by lockfile hash under
 * `cacheDir` (symlinked in) because a fix run makes many throwaway copies of the same repository.
 */
export const installDependencies = async (options: {
  dir: string;
  tooling: Tooling;
  sourceDir?: string;
  cacheDir?: string;
  timeoutMs?: number;
  /** The sandbox the install runs in (its scripts are repository code); absent: host, scripts disabled. */
  isolation?: InstallIsolation | null;
}): Promise<InstallReport> => {
  const started = Date.now();
  const node = options.tooling.node;
  const done = (method: InstallReport['method'], command: string | null, output = ''): InstallReport => ({
    method,
    command,
    durationMs: Date.now() - started,
    output,
  });
  if (!node) return done('none', null);
  const target = join(options.dir, 'node_modules');
  if (await exists(target)) return done('present', null);

  // The user's own checkout is usually installed already; reuse it when it was installed from the same lockfile.
  if (options.sourceDir && node.lockfile && (await exists(join(options.sourceDir, 'node_modules')))) {
    if (await sameFile(join(options.sourceDir, node.lockfile), join(options.dir, node.lockfile))) {
      await symlink(join(options.sourceDir, 'node_modules'), target, 'dir');
      return done('linked-source', null);
    }
  }

  const [program, args] = installCommand(node);
  const display = `${program} ${args.join(' ')}`;
  if (options.cacheDir && node.lockfile && node.packageManager === 'npm') {
    const npmrc = await npmrcOf(options.dir);
    const lockKey = await lockfileKey(join(options.dir, node.lockfile));
    const key = npmrc ? `${lockKey}-${createHash('sha256').update(npmrc).digest('hex').slice(0, 8)}` : lockKey;
    const cached = join(options.cacheDir, key);
    if (!(await exists(join(cached, 'node_modules')))) {
      // Install beside the final name and rename, so concurrent runs never see a half-installed tree.
      const staging = `${cached}.tmp-${randomUUID()}`;
      await mkdir(staging, { recursive: true });
      await copyFile(join(options.dir, 'package.json'), join(staging, 'package.json'));
      await copyFile(join(options.dir, node.lockfile), join(staging, node.lockfile));
      if (npmrc) await writeFile(join(staging, '.npmrc'), npmrc);
      const result = await runInstallCommand({
        dir: staging,
        program,
        args,
        timeoutMs: options.timeoutMs ?? 600_000,
        isolation: options.isolation,
      });
      if (result.exitCode !== 0) {
        await rm(staging, { recursive: true, force: true });
        throw new AppError('UNAVAILABLE', `${display} failed with exit code ${String(result.exitCode)}`, {
          details: { output: result.output.slice(-4000) },
        });
      }
      await rename(staging, cached).catch(async () => rm(staging, { recursive: true, force: true }));
    }
    await symlink(join(cached, 'node_modules'), target, 'dir');
    return done('linked-cache', display);
  }

  const result = await runInstallCommand({
    dir: options.dir,
    program,
    args,
    timeoutMs: options.timeoutMs ?? 600_000,
    isolation: options.isolation,
  });
  if (result.exitCode !== 0) {
    throw new AppError('UNAVAILABLE', `${display} failed with exit code ${String(result.exitCode)}`, {
      details: { output: result.output.slice(-4000) },
    });
  }
  return done('installed', display, result.output);
};
