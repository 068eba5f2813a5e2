import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { startFakeGitHub } from '../../test/github-server/index.ts';
import type { FakeGitHub, FakeLog } from '../../test/github-server/index.ts';
import { createGitHubClient } from './create-github-client.ts';
import type { GitHubClient } from './create-github-client.ts';
import { createLogCollector } from './create-log-collector.ts';

let github: FakeGitHub;
let client: GitHubClient;
let installationId: number;
let runId: number;

const jobWithLogs = (logs: FakeLog): number => github.state.addJob({ runId, name: 'test', logs }).id;

beforeEach(async () => {
  github = await startFakeGitHub();
  installationId = github.state.addInstallation();
  github.state.addRepository({ installationId, owner: 'acme', name: 'shop' });
  runId = github.state.addWorkflowRun({ owner: 'acme', repo: 'shop', headSha: 'a'.repeat(40) }).id;
  client = createGitHubClient({ ...github.app, baseUrl: github.url, retry: { initialDelayMs: 1 } });
});
afterEach(async () => {
  await github.stop();
});

describe('downloadJobLogs', () => {
  it('follows the redirect to a plain-text log without sending the token to the blob URL', async () => {
    const text = '2024-05-01T10:00:00Z ##[group]Run npm test\nFAIL src/cart.test.ts\n  ● adds items ✗\n';
    const jobId = jobWithLogs({ text });
    const logs = await client.downloadJobLogs({ installationId, owner: 'acme', repo: 'shop', jobId });
    expect(logs).toMatchObject({
      text,
      format: 'text',
      truncated: false,
      totalBytes: Buffer.byteLength(text),
    });
    const [api, blob] = github.state.requests.slice(-2);
    expect(api).toMatchObject({
      route: 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
      status: 302,
      authorization: 'token',
    });
    expect(blob).toMatchObject({ route: 'GET /blobs/{blob_id}', status: 200, authorization: 'none' });
  });

  it('flattens a zip of per-step log files in order, each under a header', async () => {
    const jobId = jobWithLogs({
      zip: {
        '1_Set up job.txt': 'Runner: ubuntu\n',
        '2_Run npm test.txt': 'npm ERR! Test failed\n',
        'test/3_Post.txt': 'cleanup\n',
      },
    });
    const logs = await client.downloadJobLogs({ installationId, owner: 'acme', repo: 'shop', jobId });
    expect(logs.format).toBe('zip');
    expect(logs.files).toEqual(['1_Set up job.txt', '2_Run npm test.txt', 'test/3_Post.txt']);
    expect(logs.text).toBe(
      '===== 1_Set up job.txt =====\nRunner: ubuntu\n\n===== 2_Run npm test.txt =====\nnpm ERR! Test failed\n\n===== test/3_Post.txt =====\ncleanup\n',
    );
  });

  it('recognises a zip by its magic bytes when the content type says octet-stream', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const jobId = jobWithLogs({
      bytes: zipSync({ 'a.txt': strToU8('hello\n') }),
      contentType: 'application/octet-stream',
    });
    const logs = await client.downloadJobLogs({ installationId, owner: 'acme', repo: 'shop', jobId });
    expect(logs).toMatchObject({ format: 'zip', files: ['a.txt'], text: '===== a.txt =====\nhello\n' });
  });

  it('caps a large log, keeping the start and the end around a truncation marker', async () => {
    const lines = Array.from({ length: 5000 }, (_, index) => `line ${index} ${'x'.repeat(40)}`);
    const jobId = jobWithLogs({ text: `${lines.join('\n')}\nError: the real failure is here\n` });
    const logs = await client.downloadJobLogs({
      installationId,
      owner: 'acme',
      repo: 'shop',
      jobId,
      maxBytes: 10_000,
    });
    expect(logs.truncated).toBe(true);
    expect(logs.text.startsWith('line 0 ')).toBe(true);
    expect(logs.text.endsWith('Error: the real failure is here\n')).toBe(true);
    expect(logs.text).toMatch(/\[suture: log truncated: \d+ of \d+ bytes omitted here\]/);
    expect(Buffer.byteLength(logs.text)).toBeLessThan(10_200);
  });

  it('caps decompressed zip output too (a zip bomb cannot exhaust memory)', async () => {
    const jobId = jobWithLogs({ zip: { '1_bomb.txt': 'A'.repeat(5_000_000), '2_tail.txt': 'the end\n' } });
    const logs = await client.downloadJobLogs({
      installationId,
      owner: 'acme',
      repo: 'shop',
      jobId,
      maxBytes: 4096,
    });
    expect(logs.truncated).toBe(true);
    expect(logs.totalBytes).toBeGreaterThan(5_000_000);
    expect(logs.text.length).toBeLessThan(4300);
    expect(logs.text.endsWith('===== 2_tail.txt =====\nthe end\n')).toBe(true);
  });

  it('re-requests the redirect when the blob download fails transiently', async () => {
    const jobId = jobWithLogs({ text: 'ok\n' });
    github.state.injectFailure({ route: 'GET /blobs/{blob_id}', status: 503 });
    expect((await client.downloadJobLogs({ installationId, owner: 'acme', repo: 'shop', jobId })).text).toBe(
      'ok\n',
    );
    expect(github.state.requestCount('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs')).toBe(2);
  });

  it('answers NOT_FOUND when the job has no logs', async () => {
    const jobId = github.state.addJob({ runId, name: 'no logs' }).id;
    const error = await client
      .downloadJobLogs({ installationId, owner: 'acme', repo: 'shop', jobId })
      .catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('NOT_FOUND');
  });
});

describe('createLogCollector', () => {
  it('keeps everything under the cap and decodes multi-byte text split across chunks', () => {
    const collector = createLogCollector({ maxBytes: 100 });
    const bytes = Buffer.from('héllo ✓ wörld');
    for (const byte of bytes) collector.push(Uint8Array.of(byte));
    expect(collector.finish()).toEqual({
      text: 'héllo ✓ wörld',
      truncated: false,
      totalBytes: bytes.length,
      omittedBytes: 0,
    });
  });
});
