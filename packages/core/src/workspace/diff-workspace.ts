import type { Workspace } from './workspace.ts';

export type WorkspaceDiff = { diff: string; files: string[] };

/**
 * The unified diff from the failing commit to the current tree (checkpoints and uncommitted edits alike),
 * with `a/` and `b/` paths relative to the repository root.
 */
export const diffWorkspace = async (options: {
  workspace: Workspace;
  from?: string;
}): Promise<WorkspaceDiff> => {
  const { git, baseCommit } = options.workspace;
  // Intent-to-add makes new files visible to `git diff` without staging their content.
  await git.raw(['add', '-A', '-N']);
  const from = options.from ?? baseCommit;
  const diff = await git.raw([
    '-c',
    'core.quotePath=false',
    'diff',
    '--no-color',
    '--no-ext-diff',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    from,
    '--',
  ]);
  const names = await git.raw([
    '-c',
    'core.quotePath=false',
    'diff',
    '--name-only',
    '--no-renames',
    from,
    '--',
  ]);
  return { diff, files: names.split('\n').filter((name) => name.length > 0) };
};
