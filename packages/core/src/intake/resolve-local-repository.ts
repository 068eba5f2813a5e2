// Local repositories are accepted only under configured roots (SUTURE_LOCAL_REPO_ROOTS): the intake would
// otherwise register, and the worker later clone and push into, any git repository on the host. Paths are
// compared after realpath, so `..` segments and symlinks cannot lead out of a root. Every refusal is the one
// error below: it names no host path, so a caller cannot probe which paths exist.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, sep } from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

export const REPOSITORY_REFUSED = 'repository is not under an allowed root';

export const refuseRepository = () => new AppError('FORBIDDEN', REPOSITORY_REFUSED);

/** Parses a colon-separated list of absolute folders; null names the problem (for env schemas). */
export const parseRepositoryRoots = (value: string): string[] | null => {
  const roots = value.split(':').filter((root) => root.length > 0);
  return roots.length > 0 && roots.every((root) => isAbsolute(root)) ? roots : null;
};

/** SUTURE_LOCAL_REPO_ROOTS in an app's env schema: the folders, or an issue naming the rule. */
export const repositoryRootsSchema = z.string().transform((value, ctx) => {
  const roots = parseRepositoryRoots(value);
  if (roots) return roots;
  ctx.addIssue({ code: 'custom', message: 'must list absolute paths, separated by colons' });
  return z.NEVER;
});

const real = (path: string) => realpath(path).catch(() => null);

const isWithin = (path: string, root: string) =>
  path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);

/**
 * Returns the repository's real path when it is a directory under one of `roots` (each resolved too;
 * a missing root matches nothing); throws `refuseRepository()` otherwise.
 */
export const resolveLocalRepository = async (options: {
  repoPath: string;
  roots: readonly string[];
}): Promise<string> => {
  if (!isAbsolute(options.repoPath)) throw refuseRepository();
  const path = await real(options.repoPath);
  if (!path || !(await stat(path).catch(() => null))?.isDirectory()) throw refuseRepository();
  for (const root of options.roots) {
    const resolvedRoot = isAbsolute(root) ? await real(root) : null;
    if (resolvedRoot && isWithin(path, resolvedRoot)) return path;
  }
  throw refuseRepository();
};
