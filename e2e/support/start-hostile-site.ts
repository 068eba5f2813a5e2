// A web site an attacker controls, on another port of 127.0.0.1: same host and same *site* as the
// dashboard (ports do not make a site), different *origin*. It serves fixed HTML pages and records every
// request it gets, so a spec can check that its pages were loaded and what they sent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileSite = {
  origin: string;
  /** Method and path of every request the site answered, in order. */
  requests: string[];
  stop: () => Promise<void>;
};

/** `pages` maps a path (e.g. '/attack') to the HTML served there; any other path is a 404. */
export const startHostileSite = async (pages: Record<string, string>): Promise<HostileSite> => {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://hostile.invalid').pathname;
    requests.push(`${request.method ?? 'GET'} ${path}`);
    // Drained so a POST from the page never keeps the connection (and the test) waiting.
    request.resume();
    const html = pages[path];
    response.writeHead(html === undefined ? 404 : 200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
    });
    response.end(html ?? 'not found');
  });
  // No client keeps the test waiting at the end: idle keep-alive sockets are dropped on close.
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
};
