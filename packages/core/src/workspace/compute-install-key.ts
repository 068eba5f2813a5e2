import { createHash } from 'node:crypto';
import { lstat, readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { z } from 'zod';

const Manifest = z
  .object({
    dependencies: z.record(z.string(), z.string()).optional(),
    devDependencies: z.record(z.string(), z.string()).optional(),
    optionalDependencies: z.record(z.string(), z.string()).optional(),
    peerDependencies: z.record(z.string(), z.string()).optional(),
    overrides: z.unknown().optional(),
    workspaces: z.unknown().optional(),
    bundleDependencies: z.unknown().optional(),
    bundledDependencies: z.unknown().optional(),
    scripts: z.record(z.string(), z.string()).optional(),
  })
  .passthrough();

// The scripts npm runs during `npm ci`; any other script (typecheck, lint) does not change what gets installed.
const installScripts = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

/** The lockfile without the root package's own name and version, which do not change what gets installed. */
const normalizedLockfile = (text: string): string => {
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
    return JSON.stringify(lock);
  } catch {
    return text;
  }
};

export type LocalDependency = { name: string; path: string; kind: 'directory' | 'file' | 'missing' };

/** `file:`/`link:` dependencies of the manifest, as repository-relative paths (outside ones are kept as written). */
export const listLocalDependencies = async (options: { dir: string; manifest: unknown }): Promise<LocalDependency[]> => {
  const parsed = Manifest.safeParse(options.manifest);
  if (!parsed.success) return [];
  const all = { ...parsed.data.optionalDependencies, ...parsed.data.devDependencies, ...parsed.data.dependencies };
  const found: LocalDependency[] = [];
  for (const [name, spec] of Object.entries(all).sort(([a], [b]) => a.localeCompare(b))) {
    const m = /^(?:file|link):(.+)$/.exec(spec);
    if (!m?.[1]) continue;
    const path = normalize(m[1]);
    const info = await lstat(join(options.dir, path)).catch(() => null);
    found.push({ name, path, kind: info?.isDirectory() ? 'directory' : info?.isFile() ? 'file' : 'missing' });
  }
  return found;
};

/**
 * What makes two installs the same: the lockfile (root name and version aside), the manifest's dependency and
 * install-script fields, the repository's .npmrc, the bytes of local tarball dependencies and the manifests of
 * local directory dependencies, and whether install scripts ran at all (the host fallback runs none).
 */
export const computeInstallKey = async (options: {
  dir: string;
  lockfile: string;
  scripts: boolean;
}): Promise<string> => {
  const hash = createHash('sha256');
  const part = (label: string, value: string | Buffer): void => {
    hash.update(`${label}\0${String(value.length)}\0`);
    hash.update(value);
  };
  part('lock', normalizedLockfile(await readFile(join(options.dir, options.lockfile), 'utf8')));
  let manifest: unknown = null;
  try {
    manifest = JSON.parse(await readFile(join(options.dir, 'package.json'), 'utf8'));
  } catch {
    // A malformed manifest makes the install fail anyway; key it by the lockfile alone.
  }
  const parsed = Manifest.safeParse(manifest);
  if (parsed.success) {
    const { scripts, dependencies, devDependencies, optionalDependencies, peerDependencies, overrides, workspaces } =
      parsed.data;
    const lifecycle = Object.fromEntries(installScripts.map((name) => [name, scripts?.[name] ?? null]));
    part(
      'manifest',
      JSON.stringify([dependencies, devDependencies, optionalDependencies, peerDependencies, overrides, workspaces, lifecycle]),
    );
  }
  const npmrc = await lstat(join(options.dir, '.npmrc')).catch(() => null);
  if (npmrc?.isFile()) part('npmrc', await readFile(join(options.dir, '.npmrc')));
  for (const local of await listLocalDependencies({ dir: options.dir, manifest })) {
    const target = local.kind === 'directory' ? join(local.path, 'package.json') : local.path;
    part(`local:${local.name}`, (await readFile(join(options.dir, target)).catch(() => null)) ?? 'missing');
  }
  part('scripts', options.scripts ? 'yes' : 'no');
  return hash.digest('hex').slice(0, 16);
};
