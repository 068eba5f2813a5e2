// A real OpenID Provider (panva's oidc-provider) on 127.0.0.1 for tests and local `npm start`: the
// authorization-code flow (PKCE optional for confidential clients), `openid email profile groups`, and
// a `groups` claim in the ID token so the dashboard can map groups to roles without a userinfo call.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { handleInteraction } from './handle-interaction.ts';
import type { LocalOidcUser } from './seed-role-users.ts';

export type LocalOidcClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type StartLocalOidcProviderOptions = {
  /** 0 or unset picks a free port. */
  port?: number;
  /** Host name in the issuer URL; the server itself only ever listens on 127.0.0.1. */
  issuerHost?: string;
  clients: LocalOidcClient[];
  users: LocalOidcUser[];
};

export type LocalOidcProvider = { issuer: string; stop: () => Promise<void> };

const SCOPES = 'openid email profile groups';

const signingKey = () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };
};

// Every client is first-party, so consent is implied: the grant is created instead of asking.
const loadFirstPartyGrant = async (ctx: KoaContextWithOIDC) => {
  const { client, session, provider } = ctx.oidc;
  if (!client || !session?.accountId) return undefined;
  const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
  if (grantId) {
    const existing = await provider.Grant.find(grantId);
    if (existing) return existing;
  }
  const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope(SCOPES);
  await grant.save();
  return grant;
};

const configuration = ({ clients, users }: StartLocalOidcProviderOptions): Configuration => ({
  clients: clients.map((client) => ({
    client_id: client.clientId,
    client_secret: client.clientSecret,
    redirect_uris: client.redirectUris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  })),
  jwks: { keys: [signingKey()] },
  // Short lives: this provider is for tests and local development, and keeps everything in memory.
  ttl: {
    Interaction: 600,
    Session: 8 * 3600,
    Grant: 8 * 3600,
    AuthorizationCode: 60,
    AccessToken: 600,
    IdToken: 600,
  },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
  // Put the scope's claims (groups above all) into the ID token, not only into userinfo.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  pkce: { required: () => false },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  loadExistingGrant: loadFirstPartyGrant,
  findAccount: (_ctx, sub) => {
    const user = users.find((candidate) => candidate.sub === sub);
    if (!user) return undefined;
    return {
      accountId: user.sub,
      claims: () => ({
        sub: user.sub,
        email: user.email,
        email_verified: true,
        name: user.name,
        groups: user.groups,
      }),
    };
  },
});

const listen = (server: Server, port: number) =>
  new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });

export const startLocalOidcProvider = async (
  options: StartLocalOidcProviderOptions,
): Promise<LocalOidcProvider> => {
  const server = createServer();
  // Listen first: with port 0 the issuer URL can only be built once the port is known. Nobody knows the
  // URL before this function returns, so no request arrives before the handler is attached.
  const port = await listen(server, options.port ?? 0);
  const issuer = `http://${options.issuerHost ?? '127.0.0.1'}:${port}`;
  const provider = new Provider(issuer, configuration(options));
  const handler = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.url?.startsWith('/interaction/')) {
      handleInteraction({ provider, users: options.users, request, response }).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
        response.end(`interaction failed: ${message}`);
      });
      return;
    }
    void handler(request, response);
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
