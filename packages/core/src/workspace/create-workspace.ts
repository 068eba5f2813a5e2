import { cp, mkdtemp, readdir, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { simpleGit } from 'simple-git';
import { AppError } from '../errors/app-error.ts';
import type { Workspace } from './workspace.ts';

// Build outputs and installed dependencies never belong in a patch, whatever the repository ignores.
const alwaysExcluded = ['node_modules', '/target/', '.venv/', '__pycache__/', '.suture/', '*.tsbuildinfo'];
const notCopied = new Set(['.git', 'node_modules', 'target', '.venv', '__pycache__']);

const isGitRepo = async (dir: string): Promise<boolean> => {
  try {
    return await simpleGit(dir).checkIsRepo();
  } catch {
    return false;
  }
};

const identity = [
  '-c',
  'user.name=Suture',
  '-c',
  'user.email=suture@localhost',
  '-c',
  'commit.gpgsign=false',
];

/**
 * Clones the repository at `commit` (default HEAD) into a fresh temporary directory. A directory that is not
 * a git repository is copied and given a one-commit history so rollback and diffing work the same way.
 */
export const createWorkspace = async (options: {
  sourceDir: string;
  commit?: string;
  parentDir?: string;
}): Promise<Workspace> => {
  const sourceDir = resolve(options.sourceDir);
  const info = await stat(sourceDir).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('BAD_INPUT', `Repository directory not found: ${sourceDir}`);
  const dir = await mkdtemp(join(options.parentDir ?? tmpdir(), 'suture-ws-'));

  if (await isGitRepo(sourceDir)) {
    const commit = options.commit ?? (await simpleGit(sourceDir).revparse(['HEAD'])).trim();
    await simpleGit().clone(sourceDir, dir, ['--quiet', '--no-checkout', '--no-hardlinks']);
    const git = simpleGit(dir);
    await git.raw(['checkout', '--quiet', '--detach', commit]);
  } else {
    for (const entry of await readdir(sourceDir)) {
      if (notCopied.has(entry)) continue;
      await cp(join(sourceDir, entry), join(dir, entry), { recursive: true, verbatimSymlinks: true });
    }
    const git = simpleGit(dir);
    await git.init(['--quiet']);
    await git.raw(['add', '-A']);
    await git.raw([
      ...identity,
      'commit',
      '--quiet',
      '--allow-empty',
      '--no-verify',
      '-m',
      'suture: snapshot of a non-git directory',
    ]);
  }
  const git = simpleGit(dir);
  await writeFile(join(dir, '.git', 'info', 'exclude'), `${alwaysExcluded.join('\n')}\n`);
  for (const [key, value] of [
    ['user.name', 'Suture'],
    ['user.email', 'suture@localhost'],
    ['commit.gpgsign', 'false'],
    ['core.autocrlf', 'false'],
  ] as const) {
    await git.addConfig(key, value);
  }
  const baseCommit = (await git.revparse(['HEAD'])).trim();
  return { dir, sourceDir, baseCommit, git };
};
