import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { startFakeGitHub } from '../../test/github-server/index.ts';
import type { FakeGitHub } from '../../test/github-server/index.ts';
import { createGitHubClient } from './create-github-client.ts';
import type { GitHubClient } from './create-github-client.ts';
import { renderCheckRunOutput } from './render-check-run-output.ts';

const sha = 'c'.repeat(40);
let github: FakeGitHub;
let client: GitHubClient;
let installationId: number;
const repo = { owner: 'acme', repo: 'shop' };

beforeEach(async () => {
  github = await startFakeGitHub();
  installationId = github.state.addInstallation();
  github.state.addRepository({ installationId, owner: 'acme', name: 'shop' });
  client = createGitHubClient({ ...github.app, baseUrl: github.url, retry: { initialDelayMs: 1 } });
});
afterEach(async () => {
  await github.stop();
});

describe('pull requests', () => {
  it('opens a pull request and returns its number and URL', async () => {
    const opened = await client.openPullRequest({
      installationId,
      ...repo,
      title: 'fix: cart total',
      body: '## Suture\nbody',
      head: 'suture/fix-1',
      base: 'main',
    });
    expect(opened).toMatchObject({ number: 1, htmlUrl: `${github.url}/acme/shop/pull/1` });
    expect(github.state.pullRequests).toEqual([
      {
        number: 1,
        owner: 'acme',
        repo: 'shop',
        title: 'fix: cart total',
        body: '## Suture\nbody',
        head: 'suture/fix-1',
        base: 'main',
        draft: false,
        htmlUrl: opened.htmlUrl,
      },
    ]);
  });

  it('maps "a pull request already exists" to CONFLICT, without retrying', async () => {
    await client.openPullRequest({
      installationId,
      ...repo,
      title: 't',
      body: 'b',
      head: 'suture/fix-1',
      base: 'main',
    });
    const error = await client
      .openPullRequest({ installationId, ...repo, title: 't', body: 'b', head: 'suture/fix-1', base: 'main' })
      .catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('CONFLICT');
    expect(github.state.requestCount('POST /repos/{owner}/{repo}/pulls')).toBe(2);
  });

  it('retries a 502 on create exactly as many times as it failed', async () => {
    github.state.injectFailure({ route: 'POST /repos/{owner}/{repo}/pulls', status: 502, count: 1 });
    await client.openPullRequest({
      installationId,
      ...repo,
      title: 't',
      body: 'b',
      head: 'suture/fix-9',
      base: 'main',
    });
    expect(github.state.pullRequests).toHaveLength(1);
  });
});

describe('check runs', () => {
  it('creates a check run on the head SHA and moves it to completed', async () => {
    const progress = renderCheckRunOutput({
      stages: [
        { name: 'diagnose', state: 'running' },
        { name: 'patch', state: 'pending' },
      ],
    });
    const created = await client.createCheckRun({
      installationId,
      ...repo,
      name: 'Suture',
      headSha: sha,
      status: 'in_progress',
      output: progress,
      detailsUrl: 'https://suture.example/runs/1',
      externalId: 'healing-run-1',
    });
    expect(created.status).toBe('in_progress');
    expect(created.conclusion).toBeNull();

    const updated = await client.updateCheckRun({
      installationId,
      ...repo,
      checkRunId: created.id,
      status: 'completed',
      conclusion: 'success',
      output: { title: 'Fix proposed', summary: 'PR #1', text: 'details' },
    });
    expect(updated).toMatchObject({ id: created.id, status: 'completed', conclusion: 'success' });

    const [recorded] = github.state.checkRuns;
    expect(recorded).toMatchObject({
      name: 'Suture',
      headSha: sha,
      status: 'completed',
      conclusion: 'success',
      detailsUrl: 'https://suture.example/runs/1',
      externalId: 'healing-run-1',
    });
    expect(recorded?.output).toEqual({ title: 'Fix proposed', summary: 'PR #1', text: 'details' });
    expect(recorded?.history).toHaveLength(2);
    expect(recorded?.history[0]).toMatchObject({ status: 'in_progress', output: progress });
  });

  it('answers NOT_FOUND when updating a check run that does not exist', async () => {
    const error = await client
      .updateCheckRun({ installationId, ...repo, checkRunId: 424242, status: 'in_progress' })
      .catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('NOT_FOUND');
  });
});
