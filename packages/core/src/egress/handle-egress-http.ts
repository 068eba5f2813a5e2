import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { EgressEvent } from './egress-types.ts';
import { recordEgressEvent, type EgressProxyContext } from './egress-proxy-context.ts';
import { resolveEgressTarget } from './resolve-egress-target.ts';

export type HandleEgressHttpOptions = { context: EgressProxyContext; request: IncomingMessage; response: ServerResponse };

// Hop-by-hop headers (RFC 9110 7.6.1) and proxy credentials never travel upstream.
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const endToEnd = (headers: IncomingMessage['headers']): IncomingMessage['headers'] => Object.fromEntries(Object.entries(headers).filter(([name]) => !hopByHop.has(name)));

const parseAbsoluteHttp = (url: string): URL | null => {
  if (!/^http:\/\//i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password ? null : parsed;
  } catch {
    return null;
  }
};

/**
 * A plain-HTTP proxy request (absolute URI). Only reaches a host whose rule names the port (80 is never
 * allowed by default); decided exactly like CONNECT, then sent to the checked address with the Host kept.
 */
export const handleEgressHttp = async (options: HandleEgressHttpOptions): Promise<void> => {
  const { context, request, response } = options;
  const startedAt = Date.now();
  const method = request.method ?? '-';
  const refuse = (status: number, reason: string, fields: Partial<EgressEvent> = {}): void => {
    recordEgressEvent(context, startedAt, { method, host: '-', decision: status >= 500 ? 'failed' : 'refused', status, reason, ...fields });
    if (!response.headersSent) response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    response.end(`${reason}\n`);
  };
  const url = parseAbsoluteHttp(request.url ?? '');
  if (!url) return refuse(400, 'use CONNECT host:port, or an absolute http:// URI without credentials');
  const port = url.port ? Number(url.port) : 80;
  const resolved = await resolveEgressTarget({ policy: context.policy, host: url.hostname, port, localAddresses: context.localAddresses, timeoutMs: context.limits.connectTimeoutMs, lookup: context.lookup });
  if (!resolved.ok) return refuse(resolved.status, resolved.reason, { host: resolved.host, port, address: resolved.address });
  const target = { host: resolved.host, port, address: resolved.address };
  const counts = { up: 0, down: 0 };
  const spend = (bytes: number): boolean => {
    context.budget.remaining -= bytes;
    return context.budget.remaining >= 0;
  };
  const upstream = httpRequest({ host: resolved.address, port, method, path: `${url.pathname}${url.search}`, headers: { ...endToEnd(request.headers), host: url.host, connection: 'close' }, setHost: false, timeout: context.limits.idleMs });
  upstream.on('socket', (socket) => context.track(socket));
  upstream.on('timeout', () => upstream.destroy(new Error(`idle for ${context.limits.idleMs} ms`)));
  upstream.on('error', (error) => {
    if (!response.headersSent) refuse(502, `cannot reach ${resolved.host}:${port}: ${error.message}`, target);
    else response.destroy();
  });
  upstream.on('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
    answer.on('data', (chunk: Buffer) => {
      counts.down += chunk.length;
      if (!spend(chunk.length)) answer.destroy();
    });
    answer.pipe(response);
    response.on('close', () => {
      recordEgressEvent(context, startedAt, { method, ...target, decision: 'allowed', status: answer.statusCode ?? 0, bytesUp: counts.up, bytesDown: counts.down, reason: context.budget.remaining < 0 ? 'the run spent its egress byte budget' : null });
    });
  });
  request.on('data', (chunk: Buffer) => {
    counts.up += chunk.length;
    if (!spend(chunk.length)) upstream.destroy(new Error('the run spent its egress byte budget'));
  });
  request.pipe(upstream);
};
