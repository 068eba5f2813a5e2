import { callGitHub } from './call-github.ts';
import type { GitHubConnection, Repository, RepositoryRef } from './github-types.ts';

export const getRepository = async (
  options: RepositoryRef & { connection: GitHubConnection },
): Promise<Repository> => {
  const { connection, installationId, owner, repo } = options;
  const { data } = await callGitHub({
    connection,
    installationId,
    operation: 'get repository',
    send: (extras) => connection.octokit.request('GET /repos/{owner}/{repo}', { owner, repo, ...extras }),
  });
  return {
    id: Number(data.id),
    owner: data.owner.login,
    name: data.name,
    fullName: data.full_name,
    private: data.private,
    defaultBranch: data.default_branch,
    cloneUrl: data.clone_url,
    htmlUrl: data.html_url,
  };
};
