// The GitHub provider for healing runs, on core's GitHub client (token caching, retries, breaker).
import { ApplicationFailure } from '@temporalio/activity';
import { isAppError } from '@suture/core';
import {
  cloneRepository,
  deleteBranch,
  downloadJobLogs,
  getCommitAuthor,
  getRepository,
  listWorkflowJobs,
  openPullRequest,
  pushBranch,
  type GitHubClient,
} from '@suture/core/github/index';
import type { Repository } from '@suture/db';
import type { GitHubOps } from '../activities/healing/deps.ts';

/** Business rejections (4xx) must not be retried by Temporal; outages (UNAVAILABLE, TIMEOUT) should be. */
const toTemporal = (error: unknown): never => {
  if (isAppError(error) && !error.retryable)
    throw ApplicationFailure.nonRetryable(error.message, 'BusinessRejection');
  throw error;
};

const refOf = (repository: Repository) => {
  const [owner, repo] = repository.fullName.split('/');
  if (!owner || !repo || repository.githubInstallationId === null) {
    throw ApplicationFailure.nonRetryable(
      `repository ${repository.fullName} has no GitHub installation`,
      'BusinessRejection',
    );
  }
  return { owner, repo, installationId: Number(repository.githubInstallationId) };
};

export const createGitHubOps = ({ client }: { client: GitHubClient }): GitHubOps => {
  const { connection } = client;
  return {
    cloneAt: async ({ repository, sha, dir }) => {
      const ref = refOf(repository);
      try {
        const remote = await getRepository({ connection, ...ref });
        await cloneRepository({
          connection,
          installationId: ref.installationId,
          cloneUrl: remote.cloneUrl,
          sha,
          directory: dir,
        });
      } catch (error) {
        toTemporal(error);
      }
    },
    fetchCommitAuthor: async ({ repository, sha }) => {
      try {
        return await getCommitAuthor({ connection, ...refOf(repository), sha });
      } catch (error) {
        return toTemporal(error);
      }
    },
    fetchFailureLog: async ({ repository, failureEvent }) => {
      const ref = refOf(repository);
      const runId = Number(failureEvent.providerRunId);
      if (!Number.isSafeInteger(runId))
        throw ApplicationFailure.nonRetryable(
          `logs of external check ${failureEvent.providerRunId} cannot be fetched from GitHub`,
          'BusinessRejection',
        );
      try {
        const { failedJobs } = await listWorkflowJobs({
          connection,
          ...ref,
          runId,
          attempt: failureEvent.runAttempt,
        });
        const failed = failedJobs[0];
        if (!failed)
          throw ApplicationFailure.nonRetryable(`run ${runId} has no failed job`, 'BusinessRejection');
        const logs = await downloadJobLogs({ connection, ...ref, jobId: failed.job.id });
        return { log: logs.text, jobName: failed.job.name, stepName: failed.failedSteps[0]?.name ?? null };
      } catch (error) {
        return toTemporal(error);
      }
    },
    openPullRequest: async ({ repository, dir, branch, base, title, body }) => {
      const ref = refOf(repository);
      try {
        const remote = await getRepository({ connection, ...ref });
        await pushBranch({
          connection,
          installationId: ref.installationId,
          remoteUrl: remote.cloneUrl,
          directory: dir,
          branch,
          force: true,
        });
        try {
          const pr = await openPullRequest({ connection, ...ref, title, body, head: branch, base });
          return { number: pr.number, url: pr.htmlUrl };
        } catch (error) {
          // Compensation: a pushed branch without its PR is litter in the user's repository.
          await deleteBranch({ connection, ...ref, branch }).catch(() => undefined);
          throw error;
        }
      } catch (error) {
        return toTemporal(error);
      }
    },
  };
};
