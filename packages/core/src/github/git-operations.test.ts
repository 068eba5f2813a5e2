import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors/app-error.ts';
import { createBareRepository, startFakeGitHub } from '../../test/github-server/index.ts';
import type { BareRepository, FakeGitHub } from '../../test/github-server/index.ts';
import { createGitHubClient } from './create-github-client.ts';
import type { GitHubClient } from './create-github-client.ts';

let github: FakeGitHub;
let client: GitHubClient;
let installationId: number;
let bare: BareRepository;
let scratch: string;

const commitChange = async (directory: string): Promise<void> => {
  await writeFile(join(directory, 'fix.txt'), 'patched\n');
  const git = simpleGit({ baseDir: directory });
  await git.addConfig('user.name', 'Suture');
  await git.addConfig('user.email', 'suture@example.invalid');
  await git.add('fix.txt');
  await git.commit('fix: patch');
};
const branchSha = async (branch: string): Promise<string> => {
  const out = await simpleGit({ baseDir: bare.path }).raw([
    'for-each-ref',
    '--format=%(objectname)',
    `refs/heads/${branch}`,
  ]);
  return out.trim();
};

beforeEach(async () => {
  github = await startFakeGitHub();
  scratch = await mkdtemp(join(tmpdir(), 'suture-git-test-'));
  bare = await createBareRepository({
    files: { 'package.json': '{"name":"shop"}\n', 'src/cart.ts': 'export const total = 1;\n' },
    parentDir: join(scratch, 'remote'),
  });
  installationId = github.state.addInstallation();
  github.state.addRepository({ installationId, owner: 'acme', name: 'shop', barePath: bare.path });
  client = createGitHubClient({ ...github.app, baseUrl: github.url, retry: { initialDelayMs: 1 } });
});
afterEach(async () => {
  await github.stop();
  await rm(scratch, { recursive: true, force: true });
});

describe('clone, push and delete a branch', () => {
  it('works against a file:// bare repository', async () => {
    const directory = join(scratch, 'checkout');
    const cloned = await client.cloneRepository({
      installationId,
      cloneUrl: bare.url,
      sha: bare.sha,
      directory,
      depth: 1,
    });
    expect(cloned.sha).toBe(bare.sha);
    expect(await readFile(join(directory, 'src/cart.ts'), 'utf8')).toBe('export const total = 1;\n');

    await commitChange(directory);
    const pushed = await client.pushBranch({
      installationId,
      remoteUrl: bare.url,
      directory,
      branch: 'suture/fix-1',
    });
    expect(await branchSha('suture/fix-1')).toBe(pushed.sha);
    expect(pushed.sha).not.toBe(bare.sha);

    expect(
      await client.deleteBranch({ installationId, owner: 'acme', repo: 'shop', branch: 'suture/fix-1' }),
    ).toEqual({ deleted: true });
    expect(await branchSha('suture/fix-1')).toBe('');
    // Compensation runs again after a crash: deleting twice is fine.
    expect(
      await client.deleteBranch({ installationId, owner: 'acme', repo: 'shop', branch: 'suture/fix-1' }),
    ).toEqual({ deleted: false });
    expect(github.state.deletedRefs).toEqual([{ owner: 'acme', repo: 'shop', ref: 'heads/suture/fix-1' }]);
  });

  it('authenticates over HTTP with the installation token and never leaks it', async () => {
    const repository = await client.getRepository({ installationId, owner: 'acme', repo: 'shop' });
    expect(repository.cloneUrl).toBe(`${github.url}/git/acme/shop.git`);
    const output: string[] = [];
    const directory = join(scratch, 'http-checkout');
    await client.cloneRepository({
      installationId,
      cloneUrl: repository.cloneUrl,
      sha: bare.sha,
      directory,
      onOutput: (text) => output.push(text),
    });
    const token = github.state.issuedTokens[0]?.token ?? '';
    expect(token).toMatch(/^ghs_/);
    expect(
      github.state.requests.some(
        (request) =>
          request.route.endsWith('/git/{owner}/{repo}.git') &&
          request.authorization === 'basic' &&
          request.status === 200,
      ),
    ).toBe(true);

    await commitChange(directory);
    await client.pushBranch({
      installationId,
      remoteUrl: repository.cloneUrl,
      directory,
      branch: 'suture/fix-2',
      onOutput: (text) => output.push(text),
    });
    expect(await branchSha('suture/fix-2')).not.toBe('');
    const opened = await client.openPullRequest({
      installationId,
      owner: 'acme',
      repo: 'shop',
      title: 'Fix cart',
      body: 'body',
      head: 'suture/fix-2',
      base: 'main',
    });
    expect(opened.number).toBe(1);

    // Pushing a different commit over the branch is refused without force.
    await simpleGit({ baseDir: directory }).raw(['commit', '--amend', '-m', 'fix: other']);
    const conflict = await client
      .pushBranch({ installationId, remoteUrl: repository.cloneUrl, directory, branch: 'suture/fix-2' })
      .catch((caught: unknown) => caught);
    expect(isAppError(conflict) && conflict.code).toBe('CONFLICT');
    expect(String(conflict)).not.toContain(token);

    const config = await readFile(join(directory, '.git/config'), 'utf8');
    expect(config).toContain(repository.cloneUrl);
    expect(config).not.toContain(token);
    expect(config.toLowerCase()).not.toContain('authorization');
    expect(output.join('')).not.toContain(token);
    expect(output.join('')).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'));
  });

  it('reports a rejected token as UNAUTHORIZED without the token in the error', async () => {
    const repository = await client.getRepository({ installationId, owner: 'acme', repo: 'shop' });
    const token = github.state.issuedTokens[0]?.token ?? '';
    // Revoke: the fake no longer recognises the token, so git is answered 401 and must not prompt.
    github.state.issuedTokens.splice(0);
    const error = await client
      .cloneRepository({
        installationId,
        cloneUrl: repository.cloneUrl,
        sha: bare.sha,
        directory: join(scratch, 'denied'),
      })
      .catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('UNAUTHORIZED');
    const serialized = `${String(error)} ${JSON.stringify(error)} ${isAppError(error) ? JSON.stringify(error.details) : ''}`;
    expect(serialized).not.toContain(token);
    // The rejected token was dropped from the cache: the next call mints a fresh one.
    await client.getRepository({ installationId, owner: 'acme', repo: 'shop' });
    expect(github.state.issuedTokens).toHaveLength(1);
  });

  it('refuses to send the token to a host other than the GitHub it talks to', async () => {
    const error = await client
      .cloneRepository({
        installationId,
        cloneUrl: 'https://evil.example/acme/shop.git',
        sha: bare.sha,
        directory: join(scratch, 'evil'),
      })
      .catch((caught: unknown) => caught);
    expect(isAppError(error) && error.code).toBe('BAD_INPUT');
    expect(github.state.issuedTokens).toHaveLength(0);
  });

  it('rejects a clone URL that carries credentials and a non-SHA ref', async () => {
    const withCredentials = await client
      .cloneRepository({
        installationId,
        cloneUrl: `${github.url.replace('://', '://x-access-token:ghs_secret@')}/git/acme/shop.git`,
        sha: bare.sha,
        directory: join(scratch, 'c1'),
      })
      .catch((caught: unknown) => caught);
    expect(isAppError(withCredentials) && withCredentials.code).toBe('BAD_INPUT');
    expect(String(withCredentials)).not.toContain('ghs_secret');
    const notSha = await client
      .cloneRepository({
        installationId,
        cloneUrl: bare.url,
        sha: '--upload-pack=touch',
        directory: join(scratch, 'c2'),
      })
      .catch((caught: unknown) => caught);
    expect(isAppError(notSha) && notSha.code).toBe('BAD_INPUT');
  });
});
