import { AppError } from '../errors/app-error.ts';
import { callGitHub } from './call-github.ts';
import type { GitHubConnection, RepositoryRef } from './github-types.ts';

/** Reads one file (normally .github/workflows/*.yml) as it was at a commit, via the contents API. */
export const getWorkflowFile = async (
  options: RepositoryRef & { connection: GitHubConnection; path: string; ref: string },
): Promise<{ path: string; sha: string; content: string }> => {
  const { connection, installationId, owner, repo, path, ref } = options;
  const { data } = await callGitHub({
    connection,
    installationId,
    operation: 'get file contents',
    send: (extras) =>
      connection.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner,
        repo,
        path,
        ref,
        ...extras,
      }),
  });
  if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
    throw new AppError('BAD_INPUT', `${path} at ${ref} is not a file`, {
      details: { owner, repo, path, ref },
    });
  }
  // Above 1 MB the contents API omits the content (encoding "none"); no workflow file is that big.
  if (data.encoding !== 'base64' || (data.content === '' && data.size > 0)) {
    throw new AppError('TOO_LARGE', `${path} at ${ref} is too large for the contents API`, {
      details: { owner, repo, path, ref, size: data.size },
    });
  }
  return { path: data.path, sha: data.sha, content: Buffer.from(data.content, 'base64').toString('utf8') };
};
