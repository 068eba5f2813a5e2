import { fromTemplate } from './example-payloads.ts';
import type { FakeGitHub } from './start-fake-github.ts';
import { renderRepository, renderWorkflowRun } from './render-resources.ts';

/**
 * A `workflow_run` webhook payload (action "completed" by default) for a run seeded in the fake, built
 * from GitHub's recorded example and consistent with what the fake's REST API returns for the same run,
 * including installation.id. Serialize it once, sign that string, and post the same string.
 */
export const buildWorkflowRunEvent = (options: {
  github: FakeGitHub;
  runId: number;
  action?: 'completed' | 'requested' | 'in_progress';
}): Record<string, unknown> => {
  const { github, runId } = options;
  const run = github.state.runs.find((candidate) => candidate.id === runId);
  if (!run) throw new Error(`buildWorkflowRunEvent: no run ${runId} in the fake`);
  const repository = github.state.repositories.find(
    (candidate) => candidate.owner === run.owner && candidate.name === run.repo,
  );
  if (!repository)
    throw new Error(`buildWorkflowRunEvent: no repository ${run.owner}/${run.repo} in the fake`);
  const event = fromTemplate({ template: 'workflow_run_event', baseUrl: github.url });
  return {
    ...event,
    action: options.action ?? 'completed',
    repository: renderRepository({ baseUrl: github.url, repository }),
    workflow_run: renderWorkflowRun({ baseUrl: github.url, run, repository }),
    workflow: { ...(event.workflow as object), path: run.path, name: run.name },
    installation: {
      id: repository.installationId,
      node_id: Buffer.from(`Installation${repository.installationId}`).toString('base64'),
    },
  };
};
