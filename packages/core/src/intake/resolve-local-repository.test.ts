import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  parseRepositoryRoots,
  repositoryRootsSchema,
  REPOSITORY_REFUSED,
  resolveLocalRepository,
} from './resolve-local-repository.ts';

const base = realpathSync(mkdtempSync(join(tmpdir(), 'suture-roots-')));
const root = join(base, 'root');
const outside = join(base, 'outside');
mkdirSync(join(root, 'repo'), { recursive: true });
mkdirSync(join(outside, 'secret-repo'), { recursive: true });
mkdirSync(join(base, 'root-sibling', 'repo'), { recursive: true });
symlinkSync(join(outside, 'secret-repo'), join(root, 'link-out'));
symlinkSync(join(root, 'repo'), join(outside, 'link-in'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const refused = async (repoPath: string, roots = [root]) => {
  const error = await resolveLocalRepository({ repoPath, roots }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'FORBIDDEN', message: REPOSITORY_REFUSED });
};

describe('resolveLocalRepository', () => {
  it('accepts a folder under a root and returns its real path', async () => {
    expect(await resolveLocalRepository({ repoPath: join(root, 'repo'), roots: [root] })).toBe(
      join(root, 'repo'),
    );
    // A symlink from elsewhere into a root is fine: its target is what counts.
    expect(await resolveLocalRepository({ repoPath: join(outside, 'link-in'), roots: [root] })).toBe(
      join(root, 'repo'),
    );
    expect(
      await resolveLocalRepository({ repoPath: join(root, 'repo'), roots: ['/nonexistent-root', root] }),
    ).toBe(join(root, 'repo'));
  });

  it('refuses, with one message, outside, `..`, symlink escapes, prefixes, missing and relative paths', async () => {
    await refused(join(outside, 'secret-repo'));
    await refused(join(root, '..', 'outside', 'secret-repo'));
    await refused(join(root, 'link-out'));
    await refused(join(base, 'root-sibling', 'repo')); // shares the root's name as a prefix
    await refused(join(root, 'missing'));
    await refused('root/repo');
    await refused(join(root, 'repo'), []);
  });
});

describe('parseRepositoryRoots', () => {
  it('takes colon-separated absolute folders only', () => {
    expect(parseRepositoryRoots('/srv/repos:/home/me/src')).toEqual(['/srv/repos', '/home/me/src']);
    expect(parseRepositoryRoots('/srv/repos:relative')).toBeNull();
    expect(parseRepositoryRoots('')).toBeNull();
    expect(repositoryRootsSchema.parse('/a:/b')).toEqual(['/a', '/b']);
    expect(repositoryRootsSchema.safeParse('a').error?.issues[0]?.message).toBe(
      'must list absolute paths, separated by colons',
    );
  });
});
