import type { Workspace } from './workspace.ts';

/** Records the current tree as the state to return to; accepted patches accumulate as workspace commits. */
export const checkpointWorkspace = async (options: {
  workspace: Workspace;
  message: string;
}): Promise<string> => {
  const { git } = options.workspace;
  await git.raw(['add', '-A']);
  await git.raw(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', options.message]);
  return (await git.revparse(['HEAD'])).trim();
};
