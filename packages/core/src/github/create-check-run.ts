import { callGitHub } from './call-github.ts';
import type {
  CheckRun,
  CheckRunConclusion,
  CheckRunOutput,
  CheckRunStatus,
  GitHubConnection,
  RepositoryRef,
} from './github-types.ts';

/** Creates a check run on a commit; a completed status needs a conclusion (GitHub answers 422 otherwise). */
export const createCheckRun = async (
  options: RepositoryRef & {
    connection: GitHubConnection;
    name: string;
    headSha: string;
    status: CheckRunStatus;
    conclusion?: CheckRunConclusion;
    output?: CheckRunOutput;
    detailsUrl?: string;
    externalId?: string;
  },
): Promise<CheckRun> => {
  const { connection, installationId, owner, repo } = options;
  const { data } = await callGitHub({
    connection,
    installationId,
    operation: 'create check run',
    send: (extras) =>
      connection.octokit.request('POST /repos/{owner}/{repo}/check-runs', {
        owner,
        repo,
        name: options.name,
        head_sha: options.headSha,
        status: options.status,
        ...(options.conclusion
          ? { conclusion: options.conclusion, completed_at: new Date().toISOString() }
          : {}),
        ...(options.status === 'in_progress' ? { started_at: new Date().toISOString() } : {}),
        ...(options.output ? { output: options.output } : {}),
        ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
        ...(options.externalId ? { external_id: options.externalId } : {}),
        ...extras,
      }),
  });
  return { id: Number(data.id), htmlUrl: data.html_url, status: data.status, conclusion: data.conclusion };
};
