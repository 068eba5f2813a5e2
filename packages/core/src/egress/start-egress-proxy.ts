import { chmod, rm } from 'node:fs/promises';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createEgressRecorder } from './create-egress-recorder.ts';
import { defaultEgressLimits } from './default-egress-limits.ts';
import type { EgressDecision, EgressEvent, EgressLimits, EgressPolicy, EgressReport } from './egress-types.ts';
import { listHostAddresses } from './list-host-addresses.ts';
import { parseConnectTarget } from './parse-connect-target.ts';
import { relayEgressTunnel, type ByteBudget } from './relay-egress-tunnel.ts';
import { resolveEgressTarget, type LookupAll } from './resolve-egress-target.ts';

export type StartEgressProxyOptions = {
  /** Unix socket to listen on; its directory should be private to the run. */
  socketPath: string;
  policy: EgressPolicy;
  limits?: Partial<EgressLimits>;
  /** Injected for tests; defaults to the host resolver. */
  lookup?: LookupAll;
  /** Defaults to this host's interface addresses. */
  localAddresses?: ReadonlySet<string>;
  /** Socket file mode, so the sandbox's uid may connect (the directory's owner and mode do the gating). */
  socketMode?: number;
};

export type EgressProxy = {
  socketPath: string;
  report: () => EgressReport;
  /** Stops listening, cuts every tunnel and returns the final report. */
  close: () => Promise<EgressReport>;
};

// Hop-by-hop headers (RFC 9110 7.6.1) and proxy credentials never travel upstream.
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

const reasonPhrases: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 408: 'Request Timeout', 431: 'Request Header Fields Too Large', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

const rawResponse = (status: number, reason: string): string => {
  const body = `${reason}\n`;
  return `HTTP/1.1 ${status} ${reasonPhrases[status] ?? 'Error'}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
};

/**
 * Suture's egress proxy for one sandboxed run: HTTP CONNECT (and absolute-URI plain HTTP, when a rule allows
 * the port) on a Unix socket that only that run can reach. Every request goes through resolveEgressTarget;
 * every attempt, allowed or not, becomes an event in the run's report. Everything is bounded: concurrent
 * tunnels, head size and time, DNS and connect time, idle time, and the run's total bytes.
 */
export const startEgressProxy = async (options: StartEgressProxyOptions): Promise<EgressProxy> => {
  const limits: EgressLimits = { ...defaultEgressLimits, ...options.limits };
  const localAddresses = options.localAddresses ?? listHostAddresses();
  const recorder = createEgressRecorder({ maxEvents: limits.events });
  const budget: ByteBudget = { remaining: limits.totalBytes };
  const sockets = new Set<Duplex>();
  const track = (socket: Duplex): void => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };
  let clients = 0;

  const event = (start: number, fields: Partial<EgressEvent> & { method: string; host: string; decision: EgressDecision; status: number }): EgressEvent => ({
    at: new Date(start).toISOString(),
    port: null,
    address: null,
    reason: null,
    bytesUp: 0,
    bytesDown: 0,
    durationMs: Date.now() - start,
    ...fields,
  });

  const openUpstream = (address: string, port: number): Promise<Socket | Error> =>
    new Promise((resolve) => {
      const upstream = connect({ host: address, port, allowHalfOpen: true });
      const timer = setTimeout(() => {
        upstream.destroy();
        resolve(new Error(`connect timed out after ${limits.connectTimeoutMs} ms`));
      }, limits.connectTimeoutMs);
      upstream.once('connect', () => {
        clearTimeout(timer);
        track(upstream);
        resolve(upstream);
      });
      upstream.once('error', (error) => {
        clearTimeout(timer);
        resolve(error);
      });
    });

  const server = createServer({ maxHeaderSize: 8192, headersTimeout: limits.headTimeoutMs, requestTimeout: limits.headTimeoutMs * 3, connectionsCheckingInterval: 1000 });

  server.on('connection', (socket: Socket) => {
    track(socket);
    clients += 1;
    socket.once('close', () => {
      clients -= 1;
    });
    // Until a request head arrives; a tunnel replaces this with its own idle limit.
    socket.setTimeout(limits.headTimeoutMs, () => socket.destroy());
    if (clients > limits.connections) {
      recorder.record(event(Date.now(), { method: '-', host: '-', decision: 'refused', status: 503, reason: `more than ${limits.connections} concurrent connections` }));
      socket.end(rawResponse(503, `more than ${limits.connections} concurrent connections`));
    }
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    recorder.record(event(Date.now(), { method: '-', host: '-', decision: 'refused', status, reason: `malformed request: ${error.code ?? error.message}` }));
    if (socket.writable) socket.end(rawResponse(status, 'malformed proxy request'));
    else socket.destroy();
  });

  server.on('connect', (request: IncomingMessage, client: Duplex, head: Buffer) => {
    void (async () => {
      const start = Date.now();
      const target = parseConnectTarget({ authority: request.url ?? '' });
      if (!target) {
        recorder.record(event(start, { method: 'CONNECT', host: (request.url ?? '').slice(0, 300), decision: 'refused', status: 400, reason: 'CONNECT needs host:port' }));
        return client.end(rawResponse(400, 'CONNECT needs host:port'));
      }
      const resolved = await resolveEgressTarget({ policy: options.policy, host: target.host, port: target.port, localAddresses, timeoutMs: limits.connectTimeoutMs, lookup: options.lookup });
      if (!resolved.ok) {
        recorder.record(event(start, { method: 'CONNECT', host: resolved.host, port: target.port, address: resolved.address, decision: resolved.status === 403 || resolved.status === 400 ? 'refused' : 'failed', status: resolved.status, reason: resolved.reason }));
        return client.end(rawResponse(resolved.status, resolved.reason));
      }
      const upstream = await openUpstream(resolved.address, target.port);
      if (upstream instanceof Error) {
        recorder.record(event(start, { method: 'CONNECT', host: resolved.host, port: target.port, address: resolved.address, decision: 'failed', status: 502, reason: upstream.message }));
        return client.end(rawResponse(502, `cannot reach ${resolved.host}:${target.port}`));
      }
      (client as Partial<Socket>).setTimeout?.(0);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      const outcome = await relayEgressTunnel({ client, upstream, head, budget, idleMs: limits.idleMs });
      recorder.record(event(start, { method: 'CONNECT', host: resolved.host, port: target.port, address: resolved.address, decision: 'allowed', status: 200, reason: outcome.reason, bytesUp: outcome.bytesUp, bytesDown: outcome.bytesDown }));
    })();
  });

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const start = Date.now();
      const refuse = (status: number, reason: string, fields: Partial<EgressEvent> = {}): void => {
        recorder.record(event(start, { method: request.method ?? '-', host: '-', decision: status >= 500 ? 'failed' : 'refused', status, reason, ...fields }));
        response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end(`${reason}\n`);
      };
      let url: URL | null = null;
      try {
        url = /^http:\/\//i.test(request.url ?? '') ? new URL(request.url ?? '') : null;
      } catch {
        url = null;
      }
      if (!url || url.username || url.password) return refuse(400, 'use CONNECT host:port, or an absolute http:// URI without credentials');
      const port = url.port ? Number(url.port) : 80;
      const resolved = await resolveEgressTarget({ policy: options.policy, host: url.hostname, port, localAddresses, timeoutMs: limits.connectTimeoutMs, lookup: options.lookup });
      if (!resolved.ok) return refuse(resolved.status, resolved.reason, { host: resolved.host, port, address: resolved.address });
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !hopByHop.has(name)));
      const counts = { up: 0, down: 0 };
      const upstream = httpRequest({ host: resolved.address, port, method: request.method, path: `${url.pathname}${url.search}`, headers: { ...headers, host: url.host, connection: 'close' }, setHost: false, timeout: limits.idleMs });
      upstream.on('socket', (socket) => track(socket));
      upstream.on('timeout', () => upstream.destroy(new Error(`idle for ${limits.idleMs} ms`)));
      upstream.on('error', (error) => {
        if (!response.headersSent) refuse(502, `cannot reach ${resolved.host}:${port}: ${error.message}`, { host: resolved.host, port, address: resolved.address });
        else response.destroy();
      });
      upstream.on('response', (answer) => {
        response.writeHead(answer.statusCode ?? 502, Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !hopByHop.has(name))));
        answer.on('data', (chunk: Buffer) => {
          counts.down += chunk.length;
          budget.remaining -= chunk.length;
          if (budget.remaining < 0) answer.destroy();
        });
        answer.pipe(response);
        response.on('close', () => {
          recorder.record(event(start, { method: request.method ?? '-', host: resolved.host, port, address: resolved.address, decision: 'allowed', status: answer.statusCode ?? 0, bytesUp: counts.up, bytesDown: counts.down, reason: budget.remaining < 0 ? 'the run spent its egress byte budget' : null }));
        });
      });
      request.on('data', (chunk: Buffer) => {
        counts.up += chunk.length;
        budget.remaining -= chunk.length;
        if (budget.remaining < 0) upstream.destroy(new Error('the run spent its egress byte budget'));
      });
      request.pipe(upstream);
    })();
  });

  await rm(options.socketPath, { force: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  await chmod(options.socketPath, options.socketMode ?? 0o666);

  let closing: Promise<EgressReport> | null = null;
  return {
    socketPath: options.socketPath,
    report: () => recorder.report(),
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        // Tunnels record their event when their sockets close; let those callbacks run first.
        await new Promise((resolve) => setImmediate(resolve));
        await rm(options.socketPath, { force: true });
        return recorder.report();
      })();
      return closing;
    },
  };
};
