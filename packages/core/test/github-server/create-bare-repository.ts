import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';

export type BareRepository = {
  /** Directory of the bare repository. */
  path: string;
  /** file:// URL of it, usable as a clone_url. */
  url: string;
  /** SHA of the single commit on the default branch. */
  sha: string;
  branch: string;
};

/**
 * A bare git repository with one commit holding the given files (a package.json and a failing test, say),
 * for clone and push tests and for seeding the fake GitHub server's git endpoint.
 */
export const createBareRepository = async (
  options: { files?: Record<string, string>; branch?: string; parentDir?: string } = {},
): Promise<BareRepository> => {
  const root = options.parentDir ?? (await mkdtemp(join(tmpdir(), 'suture-bare-')));
  const branch = options.branch ?? 'main';
  const work = join(root, 'work');
  const bare = join(root, 'origin.git');
  await mkdir(work, { recursive: true });
  const files = options.files ?? { 'README.md': '# fixture\n' };
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(work, name, '..'), { recursive: true });
    await writeFile(join(work, name), content);
  }
  const git = simpleGit({ baseDir: work });
  await git.init(['--initial-branch', branch]);
  await git.addConfig('user.name', 'Fixture');
  await git.addConfig('user.email', 'fixture@example.invalid');
  await git.add('.');
  await git.commit('initial commit');
  const sha = (await git.revparse(['HEAD'])).trim();
  await simpleGit({ baseDir: root }).clone(work, bare, ['--bare']);
  // Let the fake's smart-HTTP endpoint accept pushes and fetches of arbitrary SHAs, like GitHub does.
  const bareGit = simpleGit({ baseDir: bare });
  await bareGit.addConfig('http.receivepack', 'true');
  await bareGit.addConfig('uploadpack.allowAnySHA1InWant', 'true');
  return { path: bare, url: `file://${bare}`, sha, branch };
};
