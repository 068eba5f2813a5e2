import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Workspace } from '../workspace/workspace.ts';
import type { FileChange } from './guardrail-finding.ts';

/** Before (at the failing commit) and after (in the workspace) contents of each changed file. */
export const readFileChanges = async (options: {
  workspace: Workspace;
  files: readonly string[];
}): Promise<FileChange[]> => {
  const { workspace } = options;
  return Promise.all(
    options.files.map(async (path) => {
      const before = await workspace.git.show([`${workspace.baseCommit}:${path}`]).catch(() => null);
      const after = await readFile(join(workspace.dir, path), 'utf8').catch(() => null);
      return { path, before, after };
    }),
  );
};
