import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { createTestAppKey, startFakeGitHub } from '../../test/github-server/index.ts';
import type { FakeGitHub } from '../../test/github-server/index.ts';
import { createGitHubClient } from './create-github-client.ts';

const TOKEN_ROUTE = 'POST /app/installations/{installation_id}/access_tokens';
let github: FakeGitHub;
let installationId: number;

beforeEach(async () => {
  github = await startFakeGitHub();
  installationId = github.state.addInstallation();
  github.state.addRepository({ installationId, owner: 'acme', name: 'shop' });
  github.state.addWorkflowRun({ owner: 'acme', repo: 'shop', headSha: 'a'.repeat(40), id: 7 });
});
afterEach(async () => {
  await github.stop();
});

describe('installation tokens', () => {
  it('mints one token for many calls, including concurrent ones', async () => {
    const client = createGitHubClient({ ...github.app, baseUrl: github.url });
    await Promise.all(
      Array.from({ length: 8 }, () =>
        client.getWorkflowRun({ installationId, owner: 'acme', repo: 'shop', runId: 7 }),
      ),
    );
    for (let index = 0; index < 5; index += 1)
      await client.getWorkflowRun({ installationId, owner: 'acme', repo: 'shop', runId: 7 });
    expect(github.state.requestCount(TOKEN_ROUTE)).toBe(1);
    expect(github.state.requestCount('GET /repos/{owner}/{repo}/actions/runs/{run_id}')).toBe(13);
  });

  it('mints a new token once the cached one is within the refresh margin of its expires_at', async () => {
    let now = Date.now();
    const client = createGitHubClient({
      ...github.app,
      baseUrl: github.url,
      tokenRefreshMarginMs: 5 * 60_000,
      now: () => now,
    });
    const first = await client.getInstallationToken({ installationId });
    now += 50 * 60_000; // 10 minutes left of the hour: still cached
    expect(await client.getInstallationToken({ installationId })).toBe(first);
    now += 6 * 60_000; // 4 minutes left: inside the margin
    const second = await client.getInstallationToken({ installationId });
    expect(second).not.toBe(first);
    expect(github.state.issuedTokens.map((issued) => issued.token)).toEqual([first, second]);
  });

  it('keeps tokens per installation', async () => {
    const other = github.state.addInstallation();
    const client = createGitHubClient({ ...github.app, baseUrl: github.url });
    const [a, b] = await Promise.all([
      client.getInstallationToken({ installationId }),
      client.getInstallationToken({ installationId: other }),
    ]);
    expect(a).not.toBe(b);
    expect(github.state.issuedTokens.map((issued) => issued.installationId).sort()).toEqual(
      [installationId, other].sort(),
    );
  });

  it('is refused with UNAUTHORIZED when the JWT is signed by another key, without retrying', async () => {
    const client = createGitHubClient({
      appId: github.app.appId,
      privateKey: createTestAppKey().privateKey,
      baseUrl: github.url,
      retry: { initialDelayMs: 1 },
    });
    const error = await client.getInstallationToken({ installationId }).catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('UNAUTHORIZED');
    expect(github.state.issuedTokens).toHaveLength(0);
  });

  it('answers NOT_FOUND for an installation the App does not have', async () => {
    const client = createGitHubClient({ ...github.app, baseUrl: github.url });
    const error = await client
      .getInstallationToken({ installationId: 999_999 })
      .catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('NOT_FOUND');
  });
});
