import type { CommitVerdict, PatchVerdict } from './flakiness-types.ts';

export type CompareCommitVerdictsOptions = { original: CommitVerdict; patched: CommitVerdict | null };

/**
 * Whether a patch fixed a test. A test that passes on the original commit was never reproduced here (environment
 * or infrastructure, not code); flakiness on either side means the reruns cannot prove a fix. A test missing after
 * the patch counts as still failing: deleting a failing test is not a fix.
 */
export const compareCommitVerdicts = (options: CompareCommitVerdictsOptions): PatchVerdict => {
  const { original, patched } = options;
  if (original === 'pass') return 'not_reproduced';
  if (original === 'flaky' || patched === 'flaky') return 'flaky';
  if (patched === 'pass') return 'fixed';
  return 'still_failing';
};
