import { randomUUID } from 'node:crypto';
import { cp, lstat, mkdir, readFile, readdir, rename, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { computeInstallKey, listLocalDependencies } from './compute-install-key.ts';
import { runInstallCommand, type InstallIsolation } from './run-install-command.ts';
import type { Tooling } from './tooling.ts';

export type InstallReport = {
  /** `copied-cache`: the shared install copied in, for repositories whose node_modules links back into the checkout. */
  method: 'none' | 'present' | 'linked-source' | 'linked-cache' | 'copied-cache' | 'installed';
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

// Never copied into the staged install: the checkout's metadata and anything already installed or built.
const notStaged = new Set(['.git', 'node_modules']);

/** The whole checkout (its .npmrc, prepare scripts, local file: and tarball dependencies), as the repository's own `npm ci` sees it. */
const stageCheckout = async (from: string, to: string): Promise<void> => {
  await mkdir(to, { recursive: true });
  for (const entry of (await readdir(from)).sort()) {
    if (!notStaged.has(entry)) await cp(join(from, entry), join(to, entry), { recursive: true, verbatimSymlinks: true });
  }
};

/**
 * Local directory dependencies and npm workspaces are installed as relative symlinks (node_modules/x -> ../pkg):
 * through a symlinked shared node_modules they would resolve into the cache's copy, not the workspace's files.
 */
const needsOwnCopy = async (dir: string): Promise<boolean> => {
  const manifest: unknown = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{}'));
  if (manifest !== null && typeof manifest === 'object' && 'workspaces' in manifest) return true;
  return (await listLocalDependencies({ dir, manifest })).some((local) => local.kind === 'directory');
};

/**
 * Installs the repository's own dependencies, lockfile first, in a copy of its own checkout (its .npmrc, prepare
 * scripts, local file: and tarball dependencies). Installs are shared under `cacheDir` by computeInstallKey
 * (symlinked in, or copied when node_modules links back into the checkout) because a fix run makes many
 * throwaway copies of the same repository.
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
    const key = await computeInstallKey({ dir: options.dir, lockfile: node.lockfile, scripts: Boolean(options.isolation) });
    const cached = join(options.cacheDir, key);
    if (!(await exists(join(cached, 'node_modules')))) {
      // Installed in a full copy of the checkout, beside the final name and renamed, so concurrent runs never see
      // a half-installed tree.
      const staging = `${cached}.tmp-${randomUUID()}`;
      await stageCheckout(options.dir, staging);
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
    if (await needsOwnCopy(options.dir)) {
      await cp(join(cached, 'node_modules'), target, { recursive: true, verbatimSymlinks: true });
      return done('copied-cache', display);
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
