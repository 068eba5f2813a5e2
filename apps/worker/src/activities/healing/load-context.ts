// Gathers what the run needs before diagnosis: the (redacted) CI log and a checkout of the failing commit.
import { ApplicationFailure } from '@temporalio/activity';
import { redactText } from '@suture/core/redaction/redact-text';
import { storeArtifact } from '@suture/db';
import type { HealingDeps } from './deps.ts';
import { ensureCheckout, loadRun } from './checkout.ts';
import type { ContextResult, RunRef } from './types.ts';

export const loadContext = async (deps: HealingDeps, input: RunRef): Promise<ContextResult> => {
  let run = await loadRun(deps, input.healingRunId);
  // Four eyes needs the failing commit's author; check_run events do not say who it is, so ask GitHub
  // before anyone can be asked to approve. Errors propagate: a run never waits with four eyes unknown.
  if (run.repository.provider === 'github' && deps.github && !run.failureEvent.commitAuthorEmail) {
    const commitAuthorEmail = await deps.github.fetchCommitAuthor({
      repository: run.repository,
      sha: run.failureEvent.headSha,
    });
    if (commitAuthorEmail) {
      await deps.db.failureEvent.update({ where: { id: run.failureEvent.id }, data: { commitAuthorEmail } });
      run = await loadRun(deps, input.healingRunId);
    }
  }
  if (!run.failureEvent.logArtifactId) {
    if (run.repository.provider !== 'github' || !deps.github) {
      throw ApplicationFailure.nonRetryable('no CI log was reported for this failure', 'BusinessRejection');
    }
    const fetched = await deps.github.fetchFailureLog({
      repository: run.repository,
      failureEvent: run.failureEvent,
    });
    // Redacted before storage: secrets a job printed never reach the database, a prompt or a PR.
    const logArtifactId = await storeArtifact({
      db: deps.db,
      content: Buffer.from(redactText({ text: fetched.log }).text),
      mediaType: 'text/plain; charset=utf-8',
    });
    await deps.db.failureEvent.update({
      where: { id: run.failureEvent.id },
      data: { logArtifactId, jobName: fetched.jobName, stepName: fetched.stepName },
    });
    run = await loadRun(deps, input.healingRunId);
  }
  await ensureCheckout(deps, run);
  return {
    provider: run.repository.provider,
    repository: run.repository.fullName,
    headSha: run.failureEvent.headSha,
    hasLog: true,
    testRuns: deps.testRuns,
  };
};
