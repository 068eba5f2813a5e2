import { callGitHub } from './call-github.ts';
import type { GitHubConnection, RepositoryRef } from './github-types.ts';

/**
 * The commit's author email (lower-cased; null when GitHub has none). `check_run` events do not carry
 * the head commit's author, and four eyes needs it.
 */
export const getCommitAuthor = async (
  options: RepositoryRef & { connection: GitHubConnection; sha: string },
): Promise<string | null> => {
  const { connection, installationId, owner, repo, sha } = options;
  const { data } = await callGitHub({
    connection,
    installationId,
    operation: 'get commit',
    send: (extras) =>
      connection.octokit.request('GET /repos/{owner}/{repo}/commits/{ref}', {
        owner,
        repo,
        ref: sha,
        ...extras,
      }),
  });
  return data.commit.author?.email?.toLowerCase() || null;
};
