// Sign-in for `npm start`: the local OpenID Provider (scripts/oidc) with one seeded user per role, and the
// dashboard's next-auth settings pointing at it. With OIDC_ISSUER set, the configured provider is used and
// nothing is started here.
import { seedRoleUsers, type LocalOidcUser } from '../oidc/seed-role-users.ts';
import { startLocalOidcProvider } from '../oidc/start-local-oidc-provider.ts';
import type { StackConfig } from './config.ts';
import { ensureSecret } from './ensure-secret.ts';
import { isPortFree } from './process-utils.ts';

export type LocalSignIn = {
  /** OIDC_* and NEXTAUTH_* for the web process. */
  env: Record<string, string>;
  /** Seeded users (empty with an external provider); they all share `password`. */
  users: LocalOidcUser[];
  password: string | null;
  issuer: string;
  stop: () => Promise<void>;
};

const CLIENT_ID = 'suture-dashboard';

export const startLocalSignIn = async (options: {
  config: StackConfig;
  dashboardUrl: string;
  env: NodeJS.ProcessEnv;
}): Promise<LocalSignIn> => {
  const { config, dashboardUrl, env } = options;
  const nextAuth = {
    NEXTAUTH_SECRET:
      env.NEXTAUTH_SECRET ?? ensureSecret({ dataDir: config.dataDir, name: 'nextauth-secret', bytes: 32 }),
    NEXTAUTH_URL: env.NEXTAUTH_URL ?? dashboardUrl,
  };
  if (config.externalOidcIssuer) {
    return {
      env: nextAuth,
      users: [],
      password: null,
      issuer: config.externalOidcIssuer,
      stop: () => Promise.resolve(),
    };
  }
  if (!(await isPortFree(config.oidcPort)))
    throw new Error(
      `port ${config.oidcPort} (the local sign-in provider) is already taken: set SUTURE_OIDC_PORT to a free port`,
    );
  const clientSecret = ensureSecret({ dataDir: config.dataDir, name: 'oidc-client-secret', bytes: 24 });
  const password = ensureSecret({ dataDir: config.dataDir, name: 'local-users-password', bytes: 9 });
  const users = seedRoleUsers({ password });
  const dashboard = new URL(nextAuth.NEXTAUTH_URL);
  const alias = new URL(dashboard);
  // The same dashboard reached as localhost or 127.0.0.1: both are registered callbacks.
  alias.hostname = dashboard.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  const provider = await startLocalOidcProvider({
    port: config.oidcPort,
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret,
        redirectUris: [dashboard, alias].map((base) => new URL('/api/auth/callback/oidc', base).toString()),
      },
    ],
    users,
  });
  return {
    env: {
      ...nextAuth,
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: clientSecret,
    },
    users,
    password,
    issuer: provider.issuer,
    stop: provider.stop,
  };
};
