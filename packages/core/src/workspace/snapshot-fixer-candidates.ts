import { lstat, readFile, realpath } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { AppError } from '../errors/app-error.ts';

export type FixerLimits = {
  /** Most files one fixer command may rewrite (and the most we collect back). */
  maxFiles: number;
  /** Largest file collected back. */
  maxFileBytes: number;
};

export const defaultFixerLimits: FixerLimits = { maxFiles: 2000, maxFileBytes: 4 * 1024 * 1024 };

export type SnapshotFixerCandidatesOptions = {
  workspaceDir: string;
  /** Workspace-relative paths the fixer may rewrite. */
  paths: readonly string[];
  limits: FixerLimits;
};

/** Normalised workspace-relative path, or null for one that leaves the workspace or names .git. */
const normalise = (path: string): string | null => {
  const normal = posix.normalize(path.replace(/^\.\//, ''));
  if (normal === '.' || normal === '' || posix.isAbsolute(normal) || normal === '..' || normal.startsWith('../')) return null;
  if (normal.split('/').some((segment) => segment === '.git' || segment === '..')) return null;
  return normal;
};

/**
 * The files a sandboxed fixer may change, with their current bytes: existing regular UTF-8 text files inside the
 * workspace, reached through no symlink, nothing under .git. Only these can come back from the sandbox (see
 * applyFixerChanges), so the hostile code can rewrite a source file, which the fix's own guardrails and review
 * then judge, but never plant a hook, a git config or a file outside the workspace.
 */
export const snapshotFixerCandidates = async (options: SnapshotFixerCandidatesOptions): Promise<Map<string, Buffer>> => {
  const root = await realpath(options.workspaceDir);
  const unique = [...new Set(options.paths.map(normalise).filter((path): path is string => path !== null))];
  if (unique.length > options.limits.maxFiles)
    throw new AppError('BAD_INPUT', `a fixer may rewrite at most ${options.limits.maxFiles} files in the sandbox, not ${unique.length}`);
  const snapshot = new Map<string, Buffer>();
  for (const path of unique) {
    const absolute = join(root, path);
    const info = await lstat(absolute).catch(() => null);
    if (!info?.isFile() || info.size > options.limits.maxFileBytes) continue;
    if ((await realpath(absolute).catch(() => null)) !== absolute) continue;
    const bytes = await readFile(absolute);
    // Collected files come back as UTF-8 text; a file that does not survive that round trip is left alone.
    if (!Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)) continue;
    snapshot.set(path, bytes);
  }
  return snapshot;
};
