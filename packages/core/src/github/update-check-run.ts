import { callGitHub } from './call-github.ts';
import type {
  CheckRun,
  CheckRunConclusion,
  CheckRunOutput,
  CheckRunStatus,
  GitHubConnection,
  RepositoryRef,
} from './github-types.ts';

/** Moves a check run along (status, conclusion) and/or replaces its output; omitted fields are left as they are. */
export const updateCheckRun = async (
  options: RepositoryRef & {
    connection: GitHubConnection;
    checkRunId: number;
    status?: CheckRunStatus;
    conclusion?: CheckRunConclusion;
    output?: CheckRunOutput;
    detailsUrl?: string;
  },
): Promise<CheckRun> => {
  const { connection, installationId, owner, repo } = options;
  const { data } = await callGitHub({
    connection,
    installationId,
    operation: 'update check run',
    send: (extras) =>
      connection.octokit.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner,
        repo,
        check_run_id: options.checkRunId,
        ...(options.status ? { status: options.status } : {}),
        ...(options.conclusion
          ? { conclusion: options.conclusion, completed_at: new Date().toISOString() }
          : {}),
        ...(options.output ? { output: options.output } : {}),
        ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
        ...extras,
      }),
  });
  return { id: Number(data.id), htmlUrl: data.html_url, status: data.status, conclusion: data.conclusion };
};
