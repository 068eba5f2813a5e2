import { constants } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { CollectedFile } from '../execution/sandbox-types.ts';
import type { FixerLimits } from './snapshot-fixer-candidates.ts';

export type ApplyFixerChangesOptions = {
  workspaceDir: string;
  /** snapshotFixerCandidates' result: the only paths that may change, with their bytes before the run. */
  candidates: Map<string, Buffer>;
  /** What the sandbox's copy holds after the run. */
  collected: CollectedFile[];
  limits: FixerLimits;
};

/**
 * Copies back, from a sandboxed fixer's throwaway copy, the candidate files whose contents changed. Anything
 * else the run wrote (new files, .git, symlinks, files outside the list) is dropped with the copy. Writes go
 * through O_NOFOLLOW onto the file as it is now, so a path swapped for a symlink since the snapshot is skipped.
 * Returns the workspace-relative paths written.
 */
export const applyFixerChanges = async (options: ApplyFixerChangesOptions): Promise<string[]> => {
  const root = await realpath(options.workspaceDir);
  const changed: string[] = [];
  for (const file of options.collected) {
    const before = options.candidates.get(file.path);
    if (!before || changed.length >= options.limits.maxFiles) continue;
    const after = Buffer.from(file.content, 'utf8');
    if (after.equals(before) || after.length > options.limits.maxFileBytes) continue;
    const absolute = join(root, file.path);
    const info = await lstat(absolute).catch(() => null);
    if (!info?.isFile() || (await realpath(absolute).catch(() => null)) !== absolute) continue;
    const handle = await open(absolute, constants.O_WRONLY | constants.O_TRUNC | constants.O_NOFOLLOW);
    try {
      await handle.writeFile(after);
    } finally {
      await handle.close();
    }
    changed.push(file.path);
  }
  return changed.sort();
};
