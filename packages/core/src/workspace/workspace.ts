import type { SimpleGit } from 'simple-git';

/** A disposable checkout of the failing commit. Every patch is tried here, never in the user's tree. */
export type Workspace = {
  dir: string;
  /** The repository the workspace was made from. */
  sourceDir: string;
  /** The failing commit: every diff is taken against it. */
  baseCommit: string;
  git: SimpleGit;
};
