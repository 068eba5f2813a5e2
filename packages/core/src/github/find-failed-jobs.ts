import type { FailedJob, WorkflowJob } from './github-types.ts';

const failing = new Set(['failure', 'timed_out', 'cancelled', 'startup_failure']);

/**
 * Jobs that failed and, for each, the steps that did. A job can fail with no failed step (runner lost,
 * timeout during setup), so failedSteps may be empty; callers then fall back to the whole job log.
 */
export const findFailedJobs = (options: { jobs: readonly WorkflowJob[] }): FailedJob[] =>
  options.jobs
    .filter((job) => job.conclusion !== null && failing.has(job.conclusion))
    .map((job) => ({
      job,
      failedSteps: job.steps.filter((step) => step.conclusion !== null && failing.has(step.conclusion)),
    }));
