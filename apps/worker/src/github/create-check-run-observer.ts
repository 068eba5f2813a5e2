// Shows a healing run's progress as a Check Run on the failing commit, so developers see it where the
// red X is. Best effort: observers never fail a stage.
import {
  createCheckRun,
  renderCheckRunOutput,
  updateCheckRun,
  type GitHubClient,
  type StageState,
} from '@suture/core/github/index';
import type { Database } from '@suture/db';
import type { RunObserver } from '../activities/healing/deps.ts';

// HealingStage statuses are a subset of the renderer's states.
const stateOf = (status: 'running' | 'succeeded' | 'failed' | 'skipped'): StageState => status;

export const createCheckRunObserver = ({
  client,
  db,
  dashboardUrl,
}: {
  client: GitHubClient;
  db: Database;
  dashboardUrl: string;
}): RunObserver => {
  const sync = async (healingRunId: string, completed?: { outcome: string; detail: string }) => {
    const run = await db.healingRun.findUniqueOrThrow({
      where: { id: healingRunId },
      include: { repository: true, failureEvent: true, stages: { orderBy: { startedAt: 'asc' } } },
    });
    const [owner, repo] = run.repository.fullName.split('/');
    if (
      run.repository.provider !== 'github' ||
      !owner ||
      !repo ||
      run.repository.githubInstallationId === null
    )
      return;
    const ref = {
      connection: client.connection,
      owner,
      repo,
      installationId: Number(run.repository.githubInstallationId),
    };
    const detailsUrl = `${dashboardUrl.replace(/\/$/, '')}/runs/${run.id}`;
    const output = renderCheckRunOutput({
      title: completed ? `Suture: ${completed.outcome.replace(/_/g, ' ')}` : `Suture: ${run.stage}`,
      stages: run.stages.map((s) => ({
        name: s.stage,
        state: stateOf(s.status),
        ...(s.durationMs !== null ? { durationMs: s.durationMs } : {}),
      })),
      currentStage: run.stage,
      dashboardUrl: detailsUrl,
    });
    const finished = completed
      ? {
          status: 'completed' as const,
          conclusion:
            completed.outcome === 'pr_opened' || completed.outcome === 'branch_created'
              ? ('success' as const)
              : ('neutral' as const),
        }
      : { status: 'in_progress' as const };
    if (run.githubCheckRunId === null) {
      const created = await createCheckRun({
        ...ref,
        name: 'Suture',
        headSha: run.failureEvent.headSha,
        ...finished,
        output,
        detailsUrl,
        externalId: run.id,
      });
      await db.healingRun.update({ where: { id: run.id }, data: { githubCheckRunId: BigInt(created.id) } });
    } else {
      await updateCheckRun({
        ...ref,
        checkRunId: Number(run.githubCheckRunId),
        ...finished,
        output,
        detailsUrl,
      });
    }
  };
  return {
    stageChanged: ({ healingRunId }) => sync(healingRunId),
    finished: ({ healingRunId, outcome, detail }) => sync(healingRunId, { outcome, detail }),
  };
};
