import { lstat, readlink } from 'node:fs/promises';

/** How a top-level system directory appears on the host: merged-/usr systems make /bin etc. symlinks. */
export type RootEntry = { path: string; kind: 'symlink'; target: string } | { path: string; kind: 'dir' };

export type DetectRootLayoutOptions = { candidates?: string[] };

const defaultCandidates = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

export const detectRootLayout = async (options: DetectRootLayoutOptions = {}): Promise<RootEntry[]> => {
  const entries: RootEntry[] = [];
  for (const path of options.candidates ?? defaultCandidates) {
    const stat = await lstat(path).catch(() => null);
    if (!stat) continue;
    if (stat.isSymbolicLink()) entries.push({ path, kind: 'symlink', target: await readlink(path) });
    else if (stat.isDirectory()) entries.push({ path, kind: 'dir' });
  }
  return entries;
};
