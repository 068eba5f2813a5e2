import type { Workspace } from './workspace.ts';

/**
 * Returns the tree to the last checkpoint exactly: tracked edits reverted, new untracked files removed.
 * Ignored files (installed dependencies, build caches) are kept on purpose so validation stays fast.
 */
export const rollbackWorkspace = async (options: { workspace: Workspace }): Promise<void> => {
  const { git } = options.workspace;
  await git.raw(['reset', '--quiet', '--hard', 'HEAD']);
  await git.raw(['clean', '-fdq']);
};
