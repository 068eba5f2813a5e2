// After approval (or by policy): the verified patch becomes a pull request on GitHub, or a branch plus a
// patch file in a local repository. Commits carry fixed dates so a retried delivery makes the same commit.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appendAuditEvent, storeArtifact } from '@suture/db';
import { allowedLocalRepository, type HealingDeps } from './deps.ts';
import { preparePatchedCheckout } from './verify-patch.ts';
import { renderPullRequest } from './render-pull-request.ts';
import type { DeliverResult, RunRef } from './types.ts';

const execFileAsync = promisify(execFile);

export const fixBranchName = (run: { id: string; failureEvent: { headSha: string } }) =>
  `suture/fix-${run.failureEvent.headSha.slice(0, 7)}-${run.id.slice(-8)}`;

export const deliverPatch = async (
  deps: HealingDeps,
  input: RunRef & { approvedBy: string | null },
): Promise<DeliverResult> => {
  const { run, dir, attempt } = await preparePatchedCheckout(deps, input.healingRunId);
  const content = await renderPullRequest({ deps, healingRunId: run.id });
  const branch = fixBranchName(run);
  const date = (run.readyForApprovalAt ?? run.createdAt).toISOString();
  // Plain git here: the fixed dates go through the environment, which simple-git deliberately guards.
  const git = async (args: string[]) =>
    execFileAsync('git', args, {
      cwd: dir,
      timeout: 60_000,
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  await git(['add', '-A']);
  await git([
    '-c',
    'user.name=Suture',
    '-c',
    'user.email=suture@localhost',
    '-c',
    'commit.gpgsign=false',
    'commit',
    '--quiet',
    '--no-verify',
    '-m',
    `${content.title}\n\n${content.commitBody}`,
  ]);
  await git(['branch', '-f', branch, 'HEAD']);

  let result: DeliverResult;
  if (run.repository.provider === 'local') {
    const target = await allowedLocalRepository(deps, run.repository.localPath);
    // Force is safe: the branch name is unique to this run, and a retry pushes the identical commit.
    await git(['push', '--quiet', '--force', target, `refs/heads/${branch}:refs/heads/${branch}`]);
    const patchDir = join(deps.workDir, '..', 'patches');
    await mkdir(patchDir, { recursive: true });
    const patchFile = join(patchDir, `${run.id}.patch`);
    await writeFile(patchFile, attempt.diff);
    await storeArtifact({ db: deps.db, content: Buffer.from(attempt.diff), mediaType: 'text/x-diff' });
    await deps.db.healingRun.update({
      where: { id: run.id },
      data: { branchName: branch, patchFilePath: patchFile },
    });
    result = { kind: 'branch', branch, url: null };
  } else {
    if (!deps.github)
      throw ApplicationFailure.nonRetryable('the GitHub App is not configured', 'BusinessRejection');
    const pr = await deps.github.openPullRequest({
      repository: run.repository,
      dir,
      branch,
      base: run.failureEvent.branch ?? run.repository.defaultBranch,
      title: content.title,
      body: content.body,
    });
    await deps.db.healingRun.update({
      where: { id: run.id },
      data: { branchName: branch, prNumber: pr.number, prUrl: pr.url },
    });
    result = { kind: 'pull_request', branch, url: pr.url };
  }
  await appendAuditEvent({
    db: deps.db,
    event: {
      organizationId: run.repository.organizationId,
      actorType: 'worker',
      actorId: null,
      action: result.kind === 'branch' ? 'run.branch_created' : 'run.pr_opened',
      subjectType: 'HealingRun',
      subjectId: run.id,
      data: { branch, url: result.url, approvedBy: input.approvedBy },
    },
  });
  return result;
};
