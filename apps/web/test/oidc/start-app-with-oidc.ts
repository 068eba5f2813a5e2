// The built dashboard wired to a local OpenID Provider of the test's own, with one user per role.
import { randomBytes } from 'node:crypto';
import type { LocalOidcUser } from '../../../../scripts/oidc/seed-role-users.ts';
import {
  startLocalOidcProvider,
  type LocalOidcProvider,
} from '../../../../scripts/oidc/start-local-oidc-provider.ts';
import { freePort } from '../../../../scripts/stack/process-utils.ts';
import { startWebServer, type WebServer } from '../start-web-server.ts';

export type AppWithOidc = { web: WebServer; oidc: LocalOidcProvider; stop: () => Promise<void> };

export const startAppWithOidc = async ({
  env,
  users,
}: {
  env: Record<string, string>;
  users: LocalOidcUser[];
}): Promise<AppWithOidc> => {
  const client = { clientId: 'suture-test', clientSecret: randomBytes(24).toString('hex') };
  // The issuer must be in the app's environment and the app's URL in the provider's client, so the
  // provider's port is chosen first and the provider started once the app's URL is known.
  const oidcPort = await freePort();
  const web = await startWebServer({
    ...env,
    OIDC_ISSUER: `http://127.0.0.1:${oidcPort}`,
    OIDC_CLIENT_ID: client.clientId,
    OIDC_CLIENT_SECRET: client.clientSecret,
    NEXTAUTH_SECRET: randomBytes(32).toString('hex'),
    // The app's port is random, so next-auth takes its URL from the request (127.0.0.1 only).
    AUTH_TRUST_HOST: 'true',
  });
  const oidc = await startLocalOidcProvider({
    port: oidcPort,
    clients: [{ ...client, redirectUris: [`${web.baseUrl}/api/auth/callback/oidc`] }],
    users,
  });
  return {
    web,
    oidc,
    stop: async () => {
      await web.stop();
      await oidc.stop();
    },
  };
};
