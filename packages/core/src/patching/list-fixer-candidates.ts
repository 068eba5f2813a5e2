import type { FixContext } from './fixer.ts';

export type ListFixerCandidatesOptions = {
  context: FixContext;
  /** The files the fixer is pointed at; empty when it runs on the whole project. */
  targets: readonly string[];
  /** Which tracked files the fixer may touch when it runs on the whole project. */
  pattern: RegExp;
};

/**
 * The workspace-relative files a sandboxed fixer may rewrite: its targets, or, for a whole-project run, the
 * tracked files it handles. Read with the host's git from the workspace's own .git, which no sandbox can write.
 */
export const listFixerCandidates = async (options: ListFixerCandidatesOptions): Promise<string[]> => {
  if (options.targets.length > 0) return [...options.targets];
  const listed = await options.context.workspace.git.raw(['ls-files', '-z']);
  return listed.split('\0').filter((path) => path.length > 0 && options.pattern.test(path));
};
