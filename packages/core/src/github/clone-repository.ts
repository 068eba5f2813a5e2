import { mkdir, readdir } from 'node:fs/promises';
import { AppError } from '../errors/app-error.ts';
import type { GitHubConnection } from './github-types.ts';
import { runGit } from './run-git.ts';

/**
 * Checks out one commit into an empty (or missing) directory: init + fetch of exactly that SHA, rather
 * than a full clone, so a large repository costs one commit's history at the requested depth. The
 * remote "origin" is recorded without credentials. cloneUrl normally comes from the webhook's
 * repository.clone_url; tests pass a file:// bare repository or the fake server's git endpoint.
 */
export const cloneRepository = async (options: {
  connection: GitHubConnection;
  installationId: number;
  cloneUrl: string;
  sha: string;
  directory: string;
  /** History depth to fetch; omit for full history (needed when patches are rebased). */
  depth?: number;
  onOutput?: (text: string) => void;
}): Promise<{ directory: string; sha: string }> => {
  const { connection, installationId, cloneUrl, sha, directory } = options;
  if (!/^[0-9a-f]{7,64}$/i.test(sha))
    throw new AppError('BAD_INPUT', `Not a commit SHA: ${sha.slice(0, 80)}`);
  await mkdir(directory, { recursive: true });
  if ((await readdir(directory)).length > 0)
    throw new AppError('CONFLICT', `Clone target is not empty: ${directory}`, { details: { directory } });

  const remote = { url: cloneUrl, installationId };
  const base = { connection, remote, directory, onOutput: options.onOutput };
  await runGit({
    ...base,
    operation: 'init',
    run: async (git) => {
      await git.init();
      await git.addRemote('origin', cloneUrl);
    },
  });
  await runGit({
    ...base,
    operation: 'fetch',
    run: (git) =>
      git.fetch([
        '--no-tags',
        '--quiet',
        ...(options.depth ? [`--depth=${options.depth}`] : []),
        'origin',
        sha,
      ]),
  });
  const head = await runGit({
    ...base,
    operation: 'checkout',
    run: async (git) => {
      await git.raw(['checkout', '--quiet', '--detach', 'FETCH_HEAD']);
      return (await git.revparse(['HEAD'])).trim();
    },
  });
  if (!head.toLowerCase().startsWith(sha.toLowerCase())) {
    throw new AppError('INTERNAL', `Checked out ${head} but ${sha} was requested`, {
      details: { head, sha },
    });
  }
  return { directory, sha: head };
};
