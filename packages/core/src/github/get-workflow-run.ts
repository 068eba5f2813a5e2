import { callGitHub } from './call-github.ts';
import type { GitHubConnection, RepositoryRef, WorkflowRun } from './github-types.ts';

export const getWorkflowRun = async (
  options: RepositoryRef & { connection: GitHubConnection; runId: number },
): Promise<WorkflowRun> => {
  const { connection, installationId, owner, repo, runId } = options;
  const { data } = await callGitHub({
    connection,
    installationId,
    operation: 'get workflow run',
    send: (extras) =>
      connection.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', {
        owner,
        repo,
        run_id: runId,
        ...extras,
      }),
  });
  // minimal-repository carries clone_url in practice even though the schema marks it optional.
  const repository = data.repository as typeof data.repository & {
    clone_url?: string;
    default_branch?: string;
  };
  return {
    id: Number(data.id),
    name: data.name ?? null,
    runAttempt: data.run_attempt ?? 1,
    status: data.status,
    conclusion: data.conclusion,
    headSha: data.head_sha,
    headBranch: data.head_branch,
    event: data.event,
    workflowPath: data.path,
    htmlUrl: data.html_url,
    createdAt: data.created_at,
    updatedAt: data.updated_at,
    repository: {
      fullName: repository.full_name,
      cloneUrl: repository.clone_url ?? null,
      defaultBranch: repository.default_branch ?? null,
    },
  };
};
