import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Whether a uid other than the owner can reach `path`: every ancestor must be world-executable. A sandbox run
 * as root hands each run its own unprivileged uid, and bubblewrap (running as that uid) can bind only what it
 * can reach, so a toolchain or a shared install under a private folder (/root, a mkdtemp folder) is invisible.
 */
export const isReachableByOthers = ({ path }: { path: string }): boolean => {
  for (let current = resolve(path); current !== dirname(current); current = dirname(current)) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
  }
  return true;
};
