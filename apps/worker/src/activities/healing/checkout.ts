// The run's pristine checkout of the failing commit on this worker. Idempotent: an activity retried on
// another attempt (or after a worker restart) finds it or recreates it.
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { simpleGit } from 'simple-git';
import { allowedLocalRepository, type HealingDeps } from './deps.ts';

export const runDir = (deps: HealingDeps, healingRunId: string) => join(deps.workDir, healingRunId);

const loadRun = (deps: HealingDeps, healingRunId: string) =>
  deps.db.healingRun.findUniqueOrThrow({
    where: { id: healingRunId },
    include: { repository: true, failureEvent: true },
  });

export type LoadedRun = Awaited<ReturnType<typeof loadRun>>;
export { loadRun };

export const ensureCheckout = async (deps: HealingDeps, run: LoadedRun): Promise<string> => {
  const dir = join(runDir(deps, run.id), 'original');
  const sha = run.failureEvent.headSha;
  if (existsSync(join(dir, '.git'))) {
    const head = (await simpleGit(dir).revparse(['HEAD'])).trim();
    if (head === sha) return dir;
  }
  await rm(dir, { recursive: true, force: true });
  await mkdir(runDir(deps, run.id), { recursive: true });
  if (run.repository.provider === 'local') {
    const source = await allowedLocalRepository(deps, run.repository.localPath);
    await simpleGit().clone(source, dir, ['--quiet', '--no-checkout', '--no-hardlinks']);
  } else {
    if (!deps.github)
      throw ApplicationFailure.nonRetryable(
        'the GitHub App is not configured (GITHUB_APP_ID / GITHUB_APP_PRIVATE_KEY)',
        'BusinessRejection',
      );
    await deps.github.cloneAt({ repository: run.repository, sha, dir });
  }
  await simpleGit(dir).raw(['checkout', '--quiet', '--detach', sha]);
  return dir;
};
