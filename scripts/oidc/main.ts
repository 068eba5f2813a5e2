// CLI: `node --import tsx scripts/oidc/main.ts` starts the local OpenID Provider with one client (the
// dashboard) and one seeded user per role, and prints what to put into the dashboard's environment.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { seedRoleUsers } from './seed-role-users.ts';
import { startLocalOidcProvider } from './start-local-oidc-provider.ts';

const schema = z.object({
  OIDC_PROVIDER_PORT: z.coerce.number().int().min(0).max(65_535).default(9400),
  OIDC_PROVIDER_ISSUER_HOST: z.string().min(1).default('127.0.0.1'),
  OIDC_CLIENT_ID: z.string().min(1).default('suture-dashboard'),
  /** Generated (and printed) when unset, so no default secret exists anywhere. */
  OIDC_CLIENT_SECRET: z.string().min(16).optional(),
  /** Comma-separated redirect URIs of the dashboard. */
  OIDC_REDIRECT_URIS: z.string().min(1).default('http://127.0.0.1:3000/api/auth/callback/oidc'),
  /** Password of every seeded user; generated (and printed) when unset. */
  OIDC_USERS_PASSWORD: z.string().min(8).optional(),
  OIDC_USERS_DOMAIN: z.string().min(1).default('suture.local'),
});

const env = schema.parse(process.env);
const clientSecret = env.OIDC_CLIENT_SECRET ?? randomBytes(24).toString('hex');
const password = env.OIDC_USERS_PASSWORD ?? randomBytes(9).toString('base64url');
const users = seedRoleUsers({ password, domain: env.OIDC_USERS_DOMAIN });
const provider = await startLocalOidcProvider({
  port: env.OIDC_PROVIDER_PORT,
  issuerHost: env.OIDC_PROVIDER_ISSUER_HOST,
  clients: [
    {
      clientId: env.OIDC_CLIENT_ID,
      clientSecret,
      redirectUris: env.OIDC_REDIRECT_URIS.split(',').map((uri) => uri.trim()),
    },
  ],
  users,
});

console.log(`local OpenID Provider at ${provider.issuer}`);
console.log(
  `OIDC_ISSUER=${provider.issuer} OIDC_CLIENT_ID=${env.OIDC_CLIENT_ID} OIDC_CLIENT_SECRET=${clientSecret}`,
);
console.log(
  `users (password "${password}"): ${users.map((u) => `${u.email} [${u.groups.join(',')}]`).join(', ')}`,
);

const shutdown = () => {
  provider.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('stopping the provider failed', error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
