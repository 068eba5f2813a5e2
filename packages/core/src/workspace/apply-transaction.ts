import { checkpointWorkspace } from './checkpoint-workspace.ts';
import { diffWorkspace } from './diff-workspace.ts';
import { rollbackWorkspace } from './rollback-workspace.ts';
import type { Workspace } from './workspace.ts';

export type TransactionResult<T> = { kept: boolean; diff: string; files: string[]; result: T };

/**
 * Apply, then decide: the edit made by `apply` is kept (checkpointed) only when `decide` says so; otherwise
 * the tree returns exactly to where it was. A throwing step also rolls back before rethrowing.
 */
export const applyTransaction = async <T>(options: {
  workspace: Workspace;
  label: string;
  apply: () => Promise<void>;
  decide: (change: { diff: string; files: string[] }) => Promise<{ keep: boolean; result: T }>;
}): Promise<TransactionResult<T>> => {
  const { workspace } = options;
  const before = (await workspace.git.revparse(['HEAD'])).trim();
  try {
    await options.apply();
    const change = await diffWorkspace({ workspace, from: before });
    const { keep, result } = await options.decide(change);
    if (keep && change.diff.length > 0) await checkpointWorkspace({ workspace, message: options.label });
    else await rollbackWorkspace({ workspace });
    return { kept: keep && change.diff.length > 0, diff: change.diff, files: change.files, result };
  } catch (error) {
    await rollbackWorkspace({ workspace });
    throw error;
  }
};
