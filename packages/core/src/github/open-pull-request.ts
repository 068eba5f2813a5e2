import { callGitHub } from './call-github.ts';
import type { GitHubConnection, RepositoryRef } from './github-types.ts';

/** Opens a pull request from head (a branch of the same repository) into base. */
export const openPullRequest = async (
  options: RepositoryRef & {
    connection: GitHubConnection;
    title: string;
    body: string;
    head: string;
    base: string;
    draft?: boolean;
  },
): Promise<{ number: number; htmlUrl: string; nodeId: string }> => {
  const { connection, installationId, owner, repo } = options;
  const { data } = await callGitHub({
    connection,
    installationId,
    operation: 'open pull request',
    send: (extras) =>
      connection.octokit.request('POST /repos/{owner}/{repo}/pulls', {
        owner,
        repo,
        title: options.title,
        body: options.body,
        head: options.head,
        base: options.base,
        draft: options.draft ?? false,
        // Suture's branch, Suture's PR: maintainers may still push fixes to it.
        maintainer_can_modify: true,
        ...extras,
      }),
  });
  return { number: data.number, htmlUrl: data.html_url, nodeId: data.node_id };
};
