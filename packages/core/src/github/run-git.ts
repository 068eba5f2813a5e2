import { simpleGit } from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { AppErrorCode } from '../errors/app-error.ts';
import { getInstallationToken } from './get-installation-token.ts';
import type { GitHubConnection } from './github-types.ts';
import { mapGitHubError } from './map-github-error.ts';
import { redactText } from '../redaction/redact-text.ts';

export type GitRemote = {
  /** A URL without credentials: https://github.com/o/r.git, or file:///path for local bare repos (tests). */
  url: string;
  installationId: number;
};

const codeFor = (message: string): AppErrorCode => {
  if (/timed? ?out|timeout/i.test(message)) return 'TIMEOUT';
  if (/authentication failed|could not read (username|password)|returned error: 401/i.test(message))
    return 'UNAUTHORIZED';
  if (/returned error: 403|permission to .* denied/i.test(message)) return 'FORBIDDEN';
  if (
    /not found|does not appear to be a git repository|returned error: 404|couldn't find remote ref|not our ref|no such remote ref/i.test(
      message,
    )
  )
    return 'NOT_FOUND';
  if (/\[rejected\]|non-fast-forward|fetch first|stale info|already exists/i.test(message)) return 'CONFLICT';
  if (
    /returned error: (5\d\d|429)|could not resolve host|failed to connect|connection (refused|reset|timed out)|early eof|rpc failed|unexpected disconnect/i.test(
      message,
    )
  )
    return 'UNAVAILABLE';
  return 'INTERNAL';
};

/** Whether the installation token may be sent to this remote: only our own GitHub host, over http(s). */
const credentialsFor = (connection: GitHubConnection, url: string): 'send' | 'none' => {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return 'none';
  if (parsed.username || parsed.password) {
    throw new AppError(
      'BAD_INPUT',
      'Remote URL must not carry credentials; the installation token is added per command',
    );
  }
  if (parsed.origin !== connection.gitOrigin) {
    throw new AppError(
      'BAD_INPUT',
      `Refusing to send the installation token to ${parsed.origin}; expected ${connection.gitOrigin}`,
      { details: { origin: parsed.origin } },
    );
  }
  return 'send';
};

/**
 * Runs git against an authenticated remote. The token goes in as an Authorization header for this one
 * command (`-c http.extraHeader`, the same mechanism actions/checkout uses), never into a URL, .git/config or
 * the working tree, which later runs untrusted test code. Output and errors pass through redaction, and
 * git is told never to prompt, so a rejected token fails fast instead of waiting on a terminal.
 */
export const runGit = async <T>(options: {
  connection: GitHubConnection;
  remote: GitRemote;
  directory: string;
  operation: string;
  onOutput?: (text: string) => void;
  run: (git: SimpleGit) => Promise<T>;
}): Promise<T> => {
  const { connection, remote, operation } = options;
  const mode = credentialsFor(connection, remote.url);
  const clean = (text: string): string => redactText({ text, secrets: connection.secrets }).text;
  const token =
    mode === 'send'
      ? await getInstallationToken({ connection, installationId: remote.installationId })
      : undefined;
  const config = ['core.askPass=true', 'credential.interactive=false'];
  if (token)
    config.push(
      `http.extraHeader=AUTHORIZATION: basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
    );
  const git = simpleGit({
    baseDir: options.directory,
    config,
    timeout: { block: connection.gitTimeoutMs },
    unsafe: { allowUnsafeAskPass: true },
  });
  const onOutput = options.onOutput;
  if (onOutput) {
    git.outputHandler((_command, stdout, stderr) => {
      const forward = (chunk: Buffer): void => onOutput(clean(chunk.toString('utf8')));
      stdout.on('data', forward);
      stderr.on('data', forward);
    });
  }
  try {
    return await connection.policy.execute(async () => {
      try {
        return await options.run(git);
      } catch (error) {
        if (isAppError(error)) throw error;
        const message = clean(error instanceof Error ? error.message : String(error)).trim();
        // No cause: simple-git errors carry the full argv, which includes the Authorization header.
        throw new AppError(codeFor(message), `git ${operation} failed: ${message}`, {
          details: { operation },
        });
      }
    });
  } catch (error) {
    if (isAppError(error)) {
      if (error.details?.breakerOpen === true) throw error;
      if (error.code === 'UNAUTHORIZED' && token) connection.tokens.delete(remote.installationId);
      throw error;
    }
    throw mapGitHubError({
      error,
      operation: `git ${operation}`,
      secrets: connection.secrets,
      nowMs: Date.now(),
    });
  }
};
