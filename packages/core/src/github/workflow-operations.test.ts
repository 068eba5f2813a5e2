import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { buildWorkflowRunEvent, startFakeGitHub } from '../../test/github-server/index.ts';
import type { FakeGitHub } from '../../test/github-server/index.ts';
import { createGitHubClient } from './create-github-client.ts';
import type { GitHubClient } from './create-github-client.ts';

const sha = 'a'.repeat(40);
let github: FakeGitHub;
let client: GitHubClient;
let installationId: number;

beforeEach(async () => {
  github = await startFakeGitHub();
  installationId = github.state.addInstallation();
  github.state.addRepository({ installationId, owner: 'acme', name: 'shop' });
  client = createGitHubClient({ ...github.app, baseUrl: github.url, retry: { initialDelayMs: 1 } });
});
afterEach(async () => {
  await github.stop();
});

const errorOf = async (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('workflow run operations against the fake GitHub', () => {
  it('reads a run and finds its failed jobs and steps', async () => {
    const run = github.state.addWorkflowRun({
      owner: 'acme',
      repo: 'shop',
      headSha: sha,
      headBranch: 'feature',
    });
    github.state.addJob({
      runId: run.id,
      name: 'lint',
      conclusion: 'success',
      steps: [{ name: 'eslint', conclusion: 'success' }],
    });
    const failing = github.state.addJob({
      runId: run.id,
      name: 'test (node 20)',
      steps: [
        { name: 'Set up job', conclusion: 'success' },
        { name: 'npm test', conclusion: 'failure' },
        { name: 'Upload report', conclusion: 'skipped' },
      ],
    });

    const fetched = await client.getWorkflowRun({
      installationId,
      owner: 'acme',
      repo: 'shop',
      runId: run.id,
    });
    expect(fetched).toMatchObject({
      id: run.id,
      headSha: sha,
      headBranch: 'feature',
      conclusion: 'failure',
      workflowPath: '.github/workflows/ci.yml',
    });
    expect(fetched.repository).toEqual({
      fullName: 'acme/shop',
      cloneUrl: `${github.url}/acme/shop.git`,
      defaultBranch: 'main',
    });

    const { jobs, failedJobs } = await client.listWorkflowJobs({
      installationId,
      owner: 'acme',
      repo: 'shop',
      runId: run.id,
    });
    expect(jobs).toHaveLength(2);
    expect(failedJobs).toHaveLength(1);
    expect(failedJobs[0]?.job.id).toBe(failing.id);
    expect(failedJobs[0]?.failedSteps.map((step) => [step.number, step.name])).toEqual([[2, 'npm test']]);

    const attempt = await client.listWorkflowJobs({
      installationId,
      owner: 'acme',
      repo: 'shop',
      runId: run.id,
      attempt: 1,
    });
    expect(attempt.jobs).toHaveLength(2);
  });

  it('reads the workflow file at a commit through the contents API', async () => {
    const content =
      'name: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test # ünïcode\n'.repeat(
        20,
      );
    github.state.setFile({
      owner: 'acme',
      repo: 'shop',
      ref: sha,
      path: '.github/workflows/ci.yml',
      content,
    });
    const file = await client.getWorkflowFile({
      installationId,
      owner: 'acme',
      repo: 'shop',
      path: '.github/workflows/ci.yml',
      ref: sha,
    });
    expect(file.content).toBe(content);
    expect(file.path).toBe('.github/workflows/ci.yml');

    const missing = await errorOf(
      client.getWorkflowFile({
        installationId,
        owner: 'acme',
        repo: 'shop',
        path: '.github/workflows/ci.yml',
        ref: 'b'.repeat(40),
      }),
    );
    expect(isAppError(missing) && missing.code).toBe('NOT_FOUND');
  });

  it('lists the installation repositories across pages and hides other installations', async () => {
    for (let index = 0; index < 120; index += 1)
      github.state.addRepository({ installationId, owner: 'acme', name: `repo-${index}` });
    const other = github.state.addInstallation();
    github.state.addRepository({ installationId: other, owner: 'globex', name: 'secret' });

    const repositories = await client.listInstallationRepositories({ installationId });
    expect(repositories).toHaveLength(121);
    expect(github.state.requestCount('GET /installation/repositories')).toBe(2);
    expect(repositories.some((repository) => repository.owner === 'globex')).toBe(false);

    const hidden = await errorOf(client.getRepository({ installationId, owner: 'globex', repo: 'secret' }));
    expect(isAppError(hidden) && hidden.code).toBe('NOT_FOUND');
    const own = await client.getRepository({ installationId: other, owner: 'globex', repo: 'secret' });
    expect(own).toMatchObject({ fullName: 'globex/secret', defaultBranch: 'main', private: true });
  });

  it('builds a workflow_run webhook payload consistent with the REST answers', async () => {
    const run = github.state.addWorkflowRun({ owner: 'acme', repo: 'shop', headSha: sha });
    const event = buildWorkflowRunEvent({ github, runId: run.id }) as {
      action: string;
      installation: { id: number };
      workflow_run: { id: number; head_sha: string };
      repository: { full_name: string };
    };
    expect(event.action).toBe('completed');
    expect(event.installation.id).toBe(installationId);
    expect(event.workflow_run).toMatchObject({ id: run.id, head_sha: sha });
    expect(event.repository.full_name).toBe('acme/shop');
    const viaApi = await client.getWorkflowRun({
      installationId: event.installation.id,
      owner: 'acme',
      repo: 'shop',
      runId: event.workflow_run.id,
    });
    expect(viaApi.headSha).toBe(sha);
  });
});
