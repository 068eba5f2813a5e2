import type { AppError } from '../errors/app-error.ts';
import { getInstallationToken } from './get-installation-token.ts';
import type { GitHubConnection } from './github-types.ts';
import { mapGitHubError } from './map-github-error.ts';

export type GitHubRequestExtras = {
  headers: { authorization: string };
  request: { signal: AbortSignal; redirect?: 'manual' };
};

/**
 * Runs one installation-authenticated request under the connection's retry and breaker policy, with a
 * per-attempt timeout, and maps every failure to an AppError. A 401 drops the cached token so the next
 * call mints a fresh one (the installation may have been re-keyed or the token revoked).
 */
export const callGitHub = async <T>(options: {
  connection: GitHubConnection;
  installationId: number;
  operation: string;
  send: (extras: GitHubRequestExtras) => Promise<T>;
}): Promise<T> => {
  const { connection, installationId, operation } = options;
  const map = (error: unknown): AppError =>
    mapGitHubError({ error, operation, secrets: connection.secrets, nowMs: Date.now() });
  const token = await getInstallationToken({ connection, installationId });
  try {
    return await connection.policy.execute(async () => {
      try {
        return await options.send({
          headers: { authorization: `token ${token}` },
          request: { signal: AbortSignal.timeout(connection.requestTimeoutMs) },
        });
      } catch (error) {
        throw map(error);
      }
    });
  } catch (error) {
    const mapped = map(error);
    if (mapped.code === 'UNAUTHORIZED') connection.tokens.delete(installationId);
    throw mapped;
  }
};
