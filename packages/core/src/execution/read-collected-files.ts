import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CollectedFile } from './sandbox-types.ts';

export type ReadCollectedFilesOptions = {
  rootDir: string;
  paths: string[];
  maxFiles?: number;
  maxFileBytes?: number;
};

/** Reads result files the run left behind (JUnit reports, JSON); bounded so a hostile run can't flood us. */
export const readCollectedFiles = async (options: ReadCollectedFilesOptions): Promise<CollectedFile[]> => {
  const maxFiles = options.maxFiles ?? 200;
  const maxBytes = options.maxFileBytes ?? 16 * 1024 * 1024;
  const files: CollectedFile[] = [];
  const visit = async (path: string, depth: number): Promise<void> => {
    if (files.length >= maxFiles || depth > 4) return;
    const info = await stat(path).catch(() => null);
    if (!info) return;
    if (info.isDirectory()) {
      const names = (await readdir(path).catch(() => [])).sort();
      for (const name of names) await visit(join(path, name), depth + 1);
      return;
    }
    if (!info.isFile() || info.size > maxBytes) return;
    files.push({ path: relative(options.rootDir, path), content: await readFile(path, 'utf8') });
  };
  for (const path of options.paths) {
    const absolute = join(options.rootDir, path);
    // Only inside the workspace: a result path is project data, never a way to read host files.
    if (!absolute.startsWith(options.rootDir)) continue;
    await visit(absolute, 0);
  }
  return files;
};
