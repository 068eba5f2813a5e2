import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import type { AppError } from '../errors/app-error.ts';
import { startFakeGitHub } from '../../test/github-server/index.ts';
import type { FakeGitHub } from '../../test/github-server/index.ts';
import { createGitHubClient } from './create-github-client.ts';
import type { GitHubClient } from './create-github-client.ts';

const RUN_ROUTE = 'GET /repos/{owner}/{repo}/actions/runs/{run_id}';
let github: FakeGitHub;
let client: GitHubClient;
let installationId: number;

const getRun = (runId = 7) => client.getWorkflowRun({ installationId, owner: 'acme', repo: 'shop', runId });
const failure = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
};

beforeEach(async () => {
  github = await startFakeGitHub();
  installationId = github.state.addInstallation();
  github.state.addRepository({ installationId, owner: 'acme', name: 'shop' });
  github.state.addWorkflowRun({ owner: 'acme', repo: 'shop', headSha: 'a'.repeat(40), id: 7 });
  client = createGitHubClient({
    ...github.app,
    baseUrl: github.url,
    retry: { maxRetries: 3, initialDelayMs: 1, maxDelayMs: 50 },
    breaker: { consecutiveFailures: 5, halfOpenAfterMs: 60_000 },
  });
  // Mint the token up front so request counts below are about the call under test.
  await client.getInstallationToken({ installationId });
});
afterEach(async () => {
  await github.stop();
});

describe('retry and circuit breaker around GitHub calls', () => {
  it('retries 502 answers and then succeeds', async () => {
    github.state.injectFailure({ route: RUN_ROUTE, status: 502, count: 2 });
    expect((await getRun()).id).toBe(7);
    expect(github.state.requestCount(RUN_ROUTE)).toBe(3);
  });

  it('retries a 429 after the retry-after GitHub sent', async () => {
    github.state.injectFailure({ route: RUN_ROUTE, status: 429, count: 1, retryAfterSeconds: 0 });
    expect((await getRun()).id).toBe(7);
    expect(github.state.requestCount(RUN_ROUTE)).toBe(2);
  });

  it('treats a 403 with an exhausted rate limit as retryable', async () => {
    github.state.injectFailure({
      route: RUN_ROUTE,
      status: 403,
      message: 'API rate limit exceeded for installation ID 1.',
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)) },
    });
    expect((await getRun()).id).toBe(7);
    expect(github.state.requestCount(RUN_ROUTE)).toBe(2);
  });

  it('does not sleep through a retry-after longer than the maximum delay; the caller gets it', async () => {
    github.state.injectFailure({ route: RUN_ROUTE, status: 429, count: 1, retryAfterSeconds: 3600 });
    const error = await failure(getRun());
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.details?.retryAfterMs).toBe(3_600_000);
    expect(github.state.requestCount(RUN_ROUTE)).toBe(1);
  });

  it('gives up after the configured retries with a retryable UNAVAILABLE', async () => {
    github.state.injectFailure({ route: RUN_ROUTE, status: 503, count: 4 });
    const error = await failure(getRun());
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.details?.status).toBe(503);
    expect(github.state.requestCount(RUN_ROUTE)).toBe(4);
  });

  it('does not retry 404 or 422, and they do not trip the breaker', async () => {
    const missing = await failure(getRun(12345));
    expect(missing.code).toBe('NOT_FOUND');
    expect(github.state.requestCount(RUN_ROUTE)).toBe(1);

    const invalid = await failure(
      client.createCheckRun({
        installationId,
        owner: 'acme',
        repo: 'shop',
        name: 'suture',
        headSha: 'a'.repeat(40),
        status: 'completed',
      }),
    );
    expect(invalid.code).toBe('BAD_INPUT');
    expect(github.state.requestCount('POST /repos/{owner}/{repo}/check-runs')).toBe(1);

    for (let index = 0; index < 6; index += 1) await failure(getRun(12345));
    expect((await getRun()).id).toBe(7);
  });

  it('opens after consecutive failures and then rejects without calling GitHub', async () => {
    github.state.injectFailure({ route: RUN_ROUTE, status: 502, count: 100 });
    const first = await failure(getRun());
    // 1 attempt + 3 retries, then the 5th consecutive failure opens the circuit on the next call.
    expect(first.code).toBe('UNAVAILABLE');
    const second = await failure(getRun());
    expect(second.code).toBe('UNAVAILABLE');
    expect(second.details?.breakerOpen).toBe(true);
    const answered = github.state.requestCount(RUN_ROUTE);
    expect(answered).toBe(5);

    const third = await failure(getRun());
    expect(third.details?.breakerOpen).toBe(true);
    expect(third.retryable).toBe(true);
    const listing = await failure(client.listInstallationRepositories({ installationId }));
    expect(listing.details?.breakerOpen).toBe(true);
    expect(github.state.requestCount(RUN_ROUTE)).toBe(answered);
    expect(github.state.requestCount('GET /installation/repositories')).toBe(0);
  });

  it('maps a refused connection to a retryable UNAVAILABLE', async () => {
    const url = github.url;
    await github.stop();
    const offline = createGitHubClient({
      ...github.app,
      baseUrl: url,
      retry: { maxRetries: 1, initialDelayMs: 1 },
    });
    const error = await failure(offline.getInstallationToken({ installationId }));
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.details?.network).toBe(true);
    github = await startFakeGitHub();
  });
});

describe('request timeouts', () => {
  it('abandons a slow answer as TIMEOUT and retries it', async () => {
    const impatient = createGitHubClient({
      ...github.app,
      baseUrl: github.url,
      requestTimeoutMs: 200,
      retry: { maxRetries: 1, initialDelayMs: 1 },
    });
    github.state.injectFailure({ route: RUN_ROUTE, status: 502, delayMs: 2_000 });
    expect(
      (await impatient.getWorkflowRun({ installationId, owner: 'acme', repo: 'shop', runId: 7 })).id,
    ).toBe(7);

    github.state.injectFailure({ route: RUN_ROUTE, status: 502, delayMs: 2_000, count: 2 });
    const error = await failure(
      impatient.getWorkflowRun({ installationId, owner: 'acme', repo: 'shop', runId: 7 }),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(error.retryable).toBe(true);
  });
});
