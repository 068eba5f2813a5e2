import { callGitHub } from './call-github.ts';
import type { GitHubConnection, Repository } from './github-types.ts';

const PER_PAGE = 100;

/** Every repository the installation can access, across pages. */
export const listInstallationRepositories = async (options: {
  connection: GitHubConnection;
  installationId: number;
}): Promise<Repository[]> => {
  const { connection, installationId } = options;
  const repositories: Repository[] = [];
  for (let page = 1; ; page += 1) {
    const { data } = await callGitHub({
      connection,
      installationId,
      operation: 'list installation repositories',
      send: (extras) =>
        connection.octokit.request('GET /installation/repositories', { per_page: PER_PAGE, page, ...extras }),
    });
    for (const repo of data.repositories) {
      repositories.push({
        id: Number(repo.id),
        owner: repo.owner.login,
        name: repo.name,
        fullName: repo.full_name,
        private: repo.private,
        defaultBranch: repo.default_branch,
        cloneUrl: repo.clone_url,
        htmlUrl: repo.html_url,
      });
    }
    if (data.repositories.length < PER_PAGE || repositories.length >= data.total_count) return repositories;
  }
};
