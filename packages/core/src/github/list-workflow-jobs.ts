import { callGitHub } from './call-github.ts';
import { findFailedJobs } from './find-failed-jobs.ts';
import type {
  FailedJob,
  GitHubConnection,
  RepositoryRef,
  StepConclusion,
  WorkflowJob,
} from './github-types.ts';

const PER_PAGE = 100;
// A matrix can fan out to 256 jobs per workflow run; a few pages is always enough.
const MAX_PAGES = 10;

/** Lists the jobs of one run attempt (the latest unless one is given) and picks out the failures. */
export const listWorkflowJobs = async (
  options: RepositoryRef & { connection: GitHubConnection; runId: number; attempt?: number },
): Promise<{ jobs: WorkflowJob[]; failedJobs: FailedJob[] }> => {
  const { connection, installationId, owner, repo, runId, attempt } = options;
  const jobs: WorkflowJob[] = [];
  for (let page = 1; page <= MAX_PAGES; page += 1) {
    const { data } = await callGitHub({
      connection,
      installationId,
      operation: 'list workflow jobs',
      send: (extras) =>
        attempt === undefined
          ? connection.octokit.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/jobs', {
              owner,
              repo,
              run_id: runId,
              filter: 'latest',
              per_page: PER_PAGE,
              page,
              ...extras,
            })
          : connection.octokit.request(
              'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs',
              {
                owner,
                repo,
                run_id: runId,
                attempt_number: attempt,
                per_page: PER_PAGE,
                page,
                ...extras,
              },
            ),
    });
    for (const job of data.jobs) {
      jobs.push({
        id: Number(job.id),
        runId: Number(job.run_id),
        runAttempt: job.run_attempt ?? null,
        name: job.name,
        status: job.status,
        conclusion: job.conclusion,
        headSha: job.head_sha,
        htmlUrl: job.html_url,
        startedAt: job.started_at,
        completedAt: job.completed_at,
        steps: (job.steps ?? []).map((step) => ({
          number: step.number,
          name: step.name,
          status: step.status,
          conclusion: step.conclusion as StepConclusion,
        })),
      });
    }
    if (data.jobs.length < PER_PAGE || jobs.length >= data.total_count) break;
  }
  return { jobs, failedJobs: findFailedJobs({ jobs }) };
};
