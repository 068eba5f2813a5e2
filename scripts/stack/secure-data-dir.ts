// Modes under the data folder, set before the stack writes there and fixed on existing installs:
//   .data            0711  other users may pass through (the `postgres` user to its cluster, the sandbox's
//                          uid to the toolchain mirror under tools/) but not list it
//   secrets/ temporal/ logs/ run/ spool/ patches/
//                    0700, every file in them 0600 (directories 0700), whoever created them
//   postgres/        0700, owned by the `postgres` user when the stack runs as root (see postgres.ts)
// Symlinks are left alone (tools/ may point at a shared cache), and so is what lies behind them.
import { chmodSync, lstatSync, mkdirSync, readdirSync, type Stats } from 'node:fs';
import { join } from 'node:path';

export const DATA_DIR_MODE = 0o711;
export const PRIVATE_ENTRIES = ['secrets', 'temporal', 'logs', 'run', 'spool', 'patches'] as const;

const lstat = (path: string): Stats | undefined => {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
};

/** Takes group and other bits off everything under `dir` (bounded: these folders hold few files). */
const tighten = (dir: string, notes: string[], budget = { left: 100_000 }) => {
  for (const entry of readdirSync(dir)) {
    if (--budget.left < 0) return;
    const path = join(dir, entry);
    const stat = lstat(path);
    if (!stat || stat.isSymbolicLink()) continue;
    if ((stat.mode & 0o077) !== 0) chmodQuietly(path, stat.isDirectory() ? 0o700 : stat.mode & 0o700, notes);
    if (stat.isDirectory()) tighten(path, notes, budget);
  }
};

const chmodQuietly = (path: string, mode: number, notes: string[]) => {
  try {
    chmodSync(path, mode);
  } catch (error) {
    notes.push(`could not chmod ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
};

/** Creates the private folders and fixes modes; returns notes about what it could not fix. */
export const secureDataDir = ({ dataDir }: { dataDir: string }): string[] => {
  const notes: string[] = [];
  mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  const top = lstat(dataDir);
  if (top && !top.isSymbolicLink() && (top.mode & 0o777) !== DATA_DIR_MODE)
    chmodQuietly(dataDir, DATA_DIR_MODE, notes);
  for (const name of PRIVATE_ENTRIES) {
    const path = join(dataDir, name);
    const stat = lstat(path);
    if (stat?.isSymbolicLink()) continue;
    if (!stat) mkdirSync(path, { mode: 0o700 });
    else if (stat.isDirectory() && (stat.mode & 0o777) !== 0o700) chmodQuietly(path, 0o700, notes);
    if (!stat || stat.isDirectory()) tighten(path, notes);
  }
  const postgres = lstat(join(dataDir, 'postgres'));
  if (postgres?.isDirectory() && (postgres.mode & 0o077) !== 0)
    chmodQuietly(join(dataDir, 'postgres'), 0o700, notes);
  return notes;
};
