import { fromTemplate } from './example-payloads.ts';
import type {
  FakeJob,
  FakeRepository,
  FakeRun,
  RecordedCheckRun,
  RecordedPullRequest,
} from './fake-state.ts';

// Each builder starts from a recorded GitHub payload and overrides what the fake state knows.

const nodeId = (kind: string, id: number): string => Buffer.from(`${kind}${id}`).toString('base64');

export const cloneUrlOf = (options: { baseUrl: string; repository: FakeRepository }): string =>
  options.repository.barePath
    ? `${options.baseUrl}/git/${options.repository.owner}/${options.repository.name}.git`
    : `${options.baseUrl}/${options.repository.owner}/${options.repository.name}.git`;

export const renderRepository = (options: {
  baseUrl: string;
  repository: FakeRepository;
}): Record<string, unknown> => {
  const { baseUrl, repository } = options;
  const template = fromTemplate({ template: 'repository', baseUrl });
  const full = `${repository.owner}/${repository.name}`;
  return {
    ...template,
    id: repository.id,
    node_id: nodeId('Repository', repository.id),
    name: repository.name,
    full_name: full,
    private: repository.private,
    visibility: repository.private ? 'private' : 'public',
    owner: {
      ...(template.owner as object),
      login: repository.owner,
      html_url: `${baseUrl}/${repository.owner}`,
    },
    html_url: `${baseUrl}/${full}`,
    url: `${baseUrl}/repos/${full}`,
    clone_url: cloneUrlOf({ baseUrl, repository }),
    git_url: `git://127.0.0.1/${full}.git`,
    ssh_url: `git@127.0.0.1:${full}.git`,
    default_branch: repository.defaultBranch,
  };
};

export const renderWorkflowRun = (options: {
  baseUrl: string;
  run: FakeRun;
  repository: FakeRepository;
}): Record<string, unknown> => {
  const { baseUrl, run } = options;
  const api = `${baseUrl}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`;
  const repository = renderRepository(options);
  return {
    ...fromTemplate({ template: 'workflow_run', baseUrl }),
    id: run.id,
    node_id: nodeId('WorkflowRun', run.id),
    name: run.name,
    display_title: run.name,
    path: run.path,
    head_sha: run.headSha,
    head_branch: run.headBranch,
    event: run.event,
    status: run.status,
    conclusion: run.conclusion,
    run_attempt: run.runAttempt,
    url: api,
    html_url: `${baseUrl}/${run.owner}/${run.repo}/actions/runs/${run.id}`,
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    repository,
    head_repository: repository,
  };
};

export const renderJob = (options: {
  baseUrl: string;
  job: FakeJob;
  run: FakeRun;
}): Record<string, unknown> => {
  const { baseUrl, job, run } = options;
  const started = '2024-05-01T10:00:00Z';
  return {
    ...fromTemplate({ template: 'workflow_job', baseUrl }),
    id: job.id,
    run_id: run.id,
    run_attempt: run.runAttempt,
    run_url: `${baseUrl}/repos/${run.owner}/${run.repo}/actions/runs/${run.id}`,
    node_id: nodeId('CheckRun', job.id),
    head_sha: run.headSha,
    head_branch: run.headBranch,
    workflow_name: run.name,
    url: `${baseUrl}/repos/${run.owner}/${run.repo}/actions/jobs/${job.id}`,
    html_url: `${baseUrl}/${run.owner}/${run.repo}/actions/runs/${run.id}/job/${job.id}`,
    check_run_url: `${baseUrl}/repos/${run.owner}/${run.repo}/check-runs/${job.id}`,
    name: job.name,
    status: job.status,
    conclusion: job.conclusion,
    created_at: started,
    started_at: started,
    completed_at: job.status === 'completed' ? '2024-05-01T10:05:00Z' : null,
    steps: job.steps.map((step) => ({
      ...step,
      started_at: started,
      completed_at: step.status === 'completed' ? '2024-05-01T10:01:00Z' : null,
    })),
    labels: ['ubuntu-latest'],
  };
};

export const renderPullRequest = (options: {
  baseUrl: string;
  pull: RecordedPullRequest;
  repository: FakeRepository;
  headSha: string;
  baseSha: string;
}): Record<string, unknown> => {
  const { baseUrl, pull, repository } = options;
  const template = fromTemplate({ template: 'pull_request', baseUrl });
  const repo = renderRepository({ baseUrl, repository });
  const side = (ref: string, sha: string): Record<string, unknown> => ({
    ...(template.head as object),
    label: `${pull.owner}:${ref}`,
    ref,
    sha,
    repo,
  });
  return {
    ...template,
    id: pull.number + 100_000,
    node_id: nodeId('PullRequest', pull.number),
    number: pull.number,
    state: 'open',
    title: pull.title,
    body: pull.body,
    draft: pull.draft,
    merged: false,
    html_url: pull.htmlUrl,
    url: `${baseUrl}/repos/${pull.owner}/${pull.repo}/pulls/${pull.number}`,
    head: side(pull.head, options.headSha),
    base: side(pull.base, options.baseSha),
  };
};

export const renderCheckRun = (options: {
  baseUrl: string;
  checkRun: RecordedCheckRun;
}): Record<string, unknown> => {
  const { baseUrl, checkRun } = options;
  const template = fromTemplate({ template: 'check_run', baseUrl });
  return {
    ...template,
    id: checkRun.id,
    node_id: nodeId('CheckRun', checkRun.id),
    name: checkRun.name,
    head_sha: checkRun.headSha,
    status: checkRun.status,
    conclusion: checkRun.conclusion,
    details_url: checkRun.detailsUrl,
    external_id: checkRun.externalId ?? '',
    url: `${baseUrl}/repos/${checkRun.owner}/${checkRun.repo}/check-runs/${checkRun.id}`,
    html_url: `${baseUrl}/${checkRun.owner}/${checkRun.repo}/runs/${checkRun.id}`,
    output: {
      title: checkRun.output?.title ?? null,
      summary: checkRun.output?.summary ?? null,
      text: checkRun.output?.text ?? null,
      annotations_count: 0,
      annotations_url: `${baseUrl}/repos/${checkRun.owner}/${checkRun.repo}/check-runs/${checkRun.id}/annotations`,
    },
    pull_requests: [],
  };
};
