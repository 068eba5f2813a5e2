import { AppError } from '../errors/app-error.ts';
import type { CachedToken, GitHubConnection } from './github-types.ts';
import { mapGitHubError } from './map-github-error.ts';

const mint = async (connection: GitHubConnection, installationId: number): Promise<CachedToken> => {
  const response = await connection.policy
    .execute(async () => {
      try {
        return await connection.appOctokit.request(
          'POST /app/installations/{installation_id}/access_tokens',
          {
            installation_id: installationId,
            request: { signal: AbortSignal.timeout(connection.requestTimeoutMs) },
          },
        );
      } catch (error) {
        throw mapGitHubError({
          error,
          operation: 'create installation token',
          secrets: connection.secrets,
          nowMs: Date.now(),
        });
      }
    })
    .catch((error: unknown) => {
      throw mapGitHubError({
        error,
        operation: 'create installation token',
        secrets: connection.secrets,
        nowMs: Date.now(),
      });
    });
  const expiresAtMs = Date.parse(response.data.expires_at);
  if (!response.data.token || !Number.isFinite(expiresAtMs)) {
    throw new AppError('INTERNAL', 'GitHub returned an installation token without a usable expires_at', {
      details: { installationId },
    });
  }
  connection.secrets.add(response.data.token);
  return { token: response.data.token, expiresAtMs };
};

/**
 * The installation token for one installation, from cache while it is valid for longer than the refresh
 * margin. Concurrent callers share one in-flight request, so a burst of calls mints one token.
 */
export const getInstallationToken = async (options: {
  connection: GitHubConnection;
  installationId: number;
}): Promise<string> => {
  const { connection, installationId } = options;
  const cached = connection.tokens.get(installationId);
  if (cached && cached.expiresAtMs - connection.tokenRefreshMarginMs > connection.now()) return cached.token;

  let pending = connection.pendingTokens.get(installationId);
  if (!pending) {
    pending = mint(connection, installationId).finally(() => connection.pendingTokens.delete(installationId));
    connection.pendingTokens.set(installationId, pending);
  }
  const fresh = await pending;
  connection.tokens.set(installationId, fresh);
  return fresh.token;
};
