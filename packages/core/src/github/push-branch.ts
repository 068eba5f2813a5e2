import { AppError } from '../errors/app-error.ts';
import type { GitHubConnection } from './github-types.ts';
import { runGit } from './run-git.ts';

/**
 * Pushes a local commit (HEAD by default) to refs/heads/<branch> of the remote. Without force an existing
 * branch that has moved is not overwritten (CONFLICT); with force the push is --force-with-lease against
 * the expected SHA when one is given.
 */
export const pushBranch = async (options: {
  connection: GitHubConnection;
  installationId: number;
  remoteUrl: string;
  directory: string;
  branch: string;
  source?: string;
  force?: boolean;
  expectedRemoteSha?: string;
  onOutput?: (text: string) => void;
}): Promise<{ branch: string; sha: string }> => {
  const { connection, installationId, remoteUrl, directory, branch } = options;
  if (
    !/^(?!\/|.*\/\/|.*\.\.|.*\.lock$|.*[\s~^:?*[\\])[\x21-\x7e]{1,200}$/.test(branch) ||
    branch.startsWith('-')
  ) {
    throw new AppError('BAD_INPUT', `Invalid branch name: ${branch.slice(0, 80)}`);
  }
  const source = options.source ?? 'HEAD';
  return runGit({
    connection,
    remote: { url: remoteUrl, installationId },
    directory,
    operation: 'push',
    onOutput: options.onOutput,
    run: async (git) => {
      const sha = (await git.revparse([`${source}^{commit}`])).trim();
      const lease = options.force
        ? [
            options.expectedRemoteSha
              ? `--force-with-lease=refs/heads/${branch}:${options.expectedRemoteSha}`
              : '--force',
          ]
        : [];
      // Push by URL rather than a configured remote, so nothing about the remote is written to .git/config.
      await git.raw(['push', ...lease, remoteUrl, `${sha}:refs/heads/${branch}`]);
      return { branch, sha };
    },
  });
};
