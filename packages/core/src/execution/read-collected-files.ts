import { constants } from 'node:fs';
import { lstat, open, readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { CollectedFile } from './sandbox-types.ts';

export type ReadCollectedFilesOptions = {
  rootDir: string;
  paths: string[];
  maxFiles?: number;
  maxFileBytes?: number;
};

/**
 * Reads result files the run left behind (JUnit reports, JSON, a fixer's rewritten sources); bounded so a
 * hostile run can't flood us. The run controlled every byte of rootDir, so nothing is followed: a symlink (at the
 * path or at any folder above it) is skipped, since reading through it as the host would hand the run any host
 * file (as root: /etc/shadow, another run's workspace).
 */
export const readCollectedFiles = async (options: ReadCollectedFilesOptions): Promise<CollectedFile[]> => {
  const maxFiles = options.maxFiles ?? 200;
  const maxBytes = options.maxFileBytes ?? 16 * 1024 * 1024;
  const root = await realpath(options.rootDir).catch(() => null);
  if (!root) return [];
  const files: CollectedFile[] = [];
  const visit = async (path: string, depth: number): Promise<void> => {
    if (files.length >= maxFiles || depth > 4) return;
    const info = await lstat(path).catch(() => null);
    if (!info || info.isSymbolicLink()) return;
    // A folder above the path may be a symlink the run planted; the resolved path must be the path itself.
    if ((await realpath(path).catch(() => null)) !== path) return;
    if (info.isDirectory()) {
      const names = (await readdir(path).catch(() => [])).sort();
      for (const name of names) await visit(join(path, name), depth + 1);
      return;
    }
    if (!info.isFile() || info.size > maxBytes) return;
    const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK).catch(() => null);
    if (!handle) return;
    try {
      const opened = await handle.stat();
      if (!opened.isFile() || opened.size > maxBytes) return;
      files.push({ path: relative(root, path), content: await handle.readFile('utf8') });
    } finally {
      await handle.close();
    }
  };
  for (const path of options.paths) {
    if (isAbsolute(path)) continue;
    const absolute = join(root, path);
    // Only inside the workspace: a result path is project data, never a way to read host files.
    if (absolute !== root && !absolute.startsWith(`${root}${sep}`)) continue;
    await visit(absolute, 0);
  }
  return files;
};
