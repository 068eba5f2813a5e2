import { isAppError } from '../errors/app-error.ts';
import { callGitHub } from './call-github.ts';
import type { GitHubConnection, RepositoryRef } from './github-types.ts';

/**
 * Deletes a branch through the git refs API. It is a compensation step, so it is idempotent: a branch
 * that is already gone (GitHub answers 422 "Reference does not exist") counts as deleted.
 */
export const deleteBranch = async (
  options: RepositoryRef & { connection: GitHubConnection; branch: string },
): Promise<{ deleted: boolean }> => {
  const { connection, installationId, owner, repo, branch } = options;
  try {
    await callGitHub({
      connection,
      installationId,
      operation: 'delete branch',
      send: (extras) =>
        connection.octokit.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', {
          owner,
          repo,
          ref: `heads/${branch}`,
          ...extras,
        }),
    });
    return { deleted: true };
  } catch (error) {
    if (
      isAppError(error) &&
      (error.code === 'NOT_FOUND' ||
        (error.code === 'BAD_INPUT' && /reference does not exist/i.test(error.message)))
    ) {
      return { deleted: false };
    }
    throw error;
  }
};
