import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRoutes, errorReply, isReplyError } from './api-routes.ts';
import type { Blob, Reply } from './api-routes.ts';
import { createFakeState } from './fake-state.ts';
import type { FakeGitHubState, RecordedRequest } from './fake-state.ts';
import { createTestAppKey } from './create-test-app-key.ts';
import { serveGitHttp } from './serve-git-http.ts';
import { verifyAppJwt } from './verify-app-jwt.ts';

export type FakeGitHub = {
  /** API root, e.g. http://127.0.0.1:41234; pass as baseUrl (and it is also the git origin). */
  url: string;
  state: FakeGitHubState;
  /** Credentials of the fake App; the server only accepts JWTs signed with this key. */
  app: { appId: string; privateKey: string };
  stop: () => Promise<void>;
};

const readBody = async (request: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return {};
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
};

const send = (response: ServerResponse, reply: Reply): void => {
  const headers: Record<string, string> = {
    'x-github-request-id': `FAKE:${Math.random().toString(16).slice(2, 10)}`,
    ...reply.headers,
  };
  if (reply.raw) {
    response.writeHead(reply.status, headers).end(reply.raw);
  } else if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
  } else {
    response
      .writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...headers })
      .end(JSON.stringify(reply.body));
  }
};

/** Starts the fake on 127.0.0.1 with a random port and a freshly generated App key. */
export const startFakeGitHub = async (options: { appId?: string } = {}): Promise<FakeGitHub> => {
  const appId = options.appId ?? '424242';
  const key = createTestAppKey();
  const state = createFakeState({ appId });
  const blobs = new Map<string, Blob>();
  let baseUrl = '';

  const installationFor = (token: string): number | undefined => {
    const issued = state.issuedTokens.find((candidate) => candidate.token === token);
    return issued && Date.parse(issued.expiresAt) > Date.now() ? issued.installationId : undefined;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', baseUrl);
    const method = request.method ?? 'GET';
    const authorization = request.headers.authorization ?? '';
    const [scheme = '', credential = ''] = authorization.split(' ');
    const record = (route: string, status: number): void => {
      const kind: RecordedRequest['authorization'] = !authorization
        ? 'none'
        : /^basic$/i.test(scheme)
          ? 'basic'
          : credential.split('.').length === 3
            ? 'jwt'
            : 'token';
      state.requests.push({ method, path: url.pathname, route, status, authorization: kind });
    };

    const git = /^\/git\/([^/]+)\/([^/]+?)\.git(\/.*)$/.exec(url.pathname);
    if (git) {
      const [, owner, name, rest = '/'] = git;
      const repository = state.repositories.find(
        (candidate) => candidate.owner === owner && candidate.name === name,
      );
      const basic = /^basic$/i.test(scheme) ? Buffer.from(credential, 'base64').toString('utf8') : '';
      const token = basic.startsWith('x-access-token:') ? basic.slice('x-access-token:'.length) : '';
      const route = `${method} /git/{owner}/{repo}.git`;
      if (!repository?.barePath || installationFor(token) !== repository.installationId) {
        record(route, 401);
        response
          .writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"', 'content-type': 'text/plain' })
          .end('Invalid username or token.');
        return;
      }
      record(route, 200);
      await serveGitHttp({
        request,
        response,
        barePath: repository.barePath,
        pathInRepo: rest,
        query: url.search.slice(1),
      });
      return;
    }

    let params: Record<string, string> | undefined;
    const match = apiRoutes.find((candidate) => {
      if (candidate.method !== method) return false;
      const found = candidate.pattern.exec(url.pathname);
      if (found)
        params = Object.fromEntries(
          Object.entries(found.groups ?? {}).map(([name, value]) => [name, decodeURIComponent(value)]),
        );
      return Boolean(found);
    });
    if (!match || !params) {
      record(`${method} ${url.pathname}`, 404);
      send(response, errorReply(404, 'Not Found'));
      return;
    }
    const reply = (value: Reply): void => {
      record(match.route, value.status);
      send(response, value);
    };

    const failure = state.failures.find(
      (candidate) => candidate.remaining > 0 && (candidate.route === '*' || candidate.route === match.route),
    );
    if (failure) {
      failure.remaining -= 1;
      if (failure.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, failure.delayMs));
      reply({ ...errorReply(failure.status, failure.message), headers: failure.headers });
      return;
    }

    let installationId: number | undefined;
    if (match.auth === 'jwt') {
      const check = /^bearer$/i.test(scheme)
        ? verifyAppJwt({ token: credential, publicKey: key.publicKey, appId, nowMs: Date.now() })
        : { ok: false as const, reason: 'A JSON web token could not be decoded' };
      if (!check.ok) return reply(errorReply(401, check.reason));
    } else if (match.auth === 'installation') {
      installationId = /^(token|bearer)$/i.test(scheme) ? installationFor(credential) : undefined;
      if (installationId === undefined) return reply(errorReply(401, 'Bad credentials'));
    }

    try {
      const body = method === 'GET' || method === 'DELETE' ? {} : await readBody(request);
      reply(
        await match.handle({ state, baseUrl, params, query: url.searchParams, body, installationId, blobs }),
      );
    } catch (error) {
      if (isReplyError(error)) reply(error.reply);
      else reply(errorReply(500, error instanceof Error ? error.message : String(error)));
    }
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, errorReply(500, String(error)));
      else response.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    state,
    app: { appId, privateKey: key.privateKey },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
