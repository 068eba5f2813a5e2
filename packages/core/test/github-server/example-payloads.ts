import examples from '@octokit/webhooks-examples';

// Real payloads recorded from GitHub (octokit/webhooks), used as templates so the fake answers with
// GitHub's full field set rather than only the fields Suture happens to read today.
const find = (name: string, action: string): Record<string, unknown> => {
  const definition = examples.find((entry) => entry.name === name);
  const example = definition?.examples.find((entry) => (entry as { action?: string }).action === action);
  if (!example) throw new Error(`@octokit/webhooks-examples has no ${name}.${action} example`);
  return example as unknown as Record<string, unknown>;
};

const workflowRunCompleted = find('workflow_run', 'completed');
const workflowJobCompleted = find('workflow_job', 'completed');
const pullRequestOpened = find('pull_request', 'opened');
const checkRunCreated = find('check_run', 'created');

/** A deep copy of a template with GitHub's hosts pointed at the fake server. */
export const fromTemplate = (options: {
  template:
    'workflow_run_event' | 'workflow_run' | 'workflow_job' | 'pull_request' | 'check_run' | 'repository';
  baseUrl: string;
}): Record<string, unknown> => {
  const source = {
    workflow_run_event: workflowRunCompleted,
    workflow_run: workflowRunCompleted.workflow_run,
    workflow_job: workflowJobCompleted.workflow_job,
    pull_request: pullRequestOpened.pull_request,
    check_run: checkRunCreated.check_run,
    repository: workflowRunCompleted.repository,
  }[options.template];
  const json = JSON.stringify(source)
    .replaceAll('https://api.github.com', options.baseUrl)
    .replaceAll('https://github.com', options.baseUrl);
  return JSON.parse(json) as Record<string, unknown>;
};
