import { execFile } from 'node:child_process';
import { cp, lstat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { AppError } from '../errors/app-error.ts';

const execFileAsync = promisify(execFile);

export type CopyWorkspaceOptions = {
  sourceDir: string;
  targetDir: string;
  /** Hand the copy to this uid/gid so an unprivileged sandbox user can write it. */
  owner?: { uid: number; gid: number };
};

// Our own result directory from an earlier run must not leak into the next one.
const skipped = new Set(['.suture-results']);

/** A writable copy of the project; the original is never mounted into a sandbox. */
export const copyWorkspace = async (options: CopyWorkspaceOptions): Promise<void> => {
  await cp(options.sourceDir, options.targetDir, {
    recursive: true,
    verbatimSymlinks: true,
    // Sockets and FIFOs (a dev server's, an editor's) cannot be copied and mean nothing to a test run.
    filter: async (source) => {
      if (skipped.has(source.slice(options.sourceDir.length + 1))) return false;
      const info = await lstat(source).catch(() => null);
      return info !== null && !info.isSocket() && !info.isFIFO();
    },
  }).catch((error: unknown) => {
    throw new AppError('UNAVAILABLE', `cannot copy workspace ${options.sourceDir}`, { cause: error });
  });
  if (options.owner) {
    // chown(1) -R -h is far faster than a JS walk on node_modules-sized trees and never follows symlinks.
    await execFileAsync('chown', ['-R', '-h', `${options.owner.uid}:${options.owner.gid}`, options.targetDir]);
  }
};
