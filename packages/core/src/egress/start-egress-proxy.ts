import { chmod, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createEgressRecorder } from './create-egress-recorder.ts';
import { defaultEgressLimits } from './default-egress-limits.ts';
import { recordEgressEvent, replyAndClose, type EgressProxyContext } from './egress-proxy-context.ts';
import type { EgressLimits, EgressPolicy, EgressReport } from './egress-types.ts';
import { handleEgressConnect } from './handle-egress-connect.ts';
import { handleEgressHttp } from './handle-egress-http.ts';
import { listHostAddresses } from './list-host-addresses.ts';
import type { LookupAll } from './resolve-egress-target.ts';

export type StartEgressProxyOptions = {
  /** Unix socket to listen on; its directory should be private to the run. */
  socketPath: string;
  policy: EgressPolicy;
  limits?: Partial<EgressLimits>;
  /** A resolver of our own for tests (names that resolve to loopback anywhere); defaults to the host's. */
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

/**
 * Suture's egress proxy for one sandboxed run: HTTP CONNECT (and absolute-URI plain HTTP, when a rule names the
 * port) on a Unix socket only that run can reach. node:http parses requests (llhttp: size and time limits,
 * malformed input rejected before our code sees it); every decision is resolveEgressTarget's; every attempt,
 * allowed or not, becomes an event in the run's report. Bounded: concurrent connections, head size and time,
 * DNS and connect time, idle time, and the run's total bytes. Handler failures close that one connection and
 * never reach the worker process as an unhandled rejection.
 */
export const startEgressProxy = async (options: StartEgressProxyOptions): Promise<EgressProxy> => {
  const limits: EgressLimits = { ...defaultEgressLimits, ...options.limits };
  const sockets = new Set<Duplex>();
  const context: EgressProxyContext = {
    policy: options.policy,
    limits,
    localAddresses: options.localAddresses ?? listHostAddresses(),
    lookup: options.lookup,
    recorder: createEgressRecorder({ maxEvents: limits.events }),
    budget: { remaining: limits.totalBytes },
    track: (socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    },
  };
  const contain = (socket: Duplex, work: Promise<void>): void => {
    work.catch((error: unknown) => {
      recordEgressEvent(context, Date.now(), { method: '-', host: '-', decision: 'failed', status: 502, reason: `proxy error: ${error instanceof Error ? error.message : String(error)}` });
      socket.destroy();
    });
  };
  let clients = 0;
  const server = createServer({ maxHeaderSize: 8192, headersTimeout: limits.headTimeoutMs, requestTimeout: limits.headTimeoutMs * 3, connectionsCheckingInterval: 1000 });

  server.on('connection', (socket: Socket) => {
    context.track(socket);
    clients += 1;
    socket.once('close', () => {
      clients -= 1;
    });
    // Until a request head arrives; a tunnel replaces this with its own idle limit.
    socket.setTimeout(limits.headTimeoutMs, () => socket.destroy());
    if (clients > limits.connections) {
      const reason = `more than ${limits.connections} concurrent connections`;
      recordEgressEvent(context, Date.now(), { method: '-', host: '-', decision: 'refused', status: 503, reason });
      replyAndClose(socket, 503, reason);
    }
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    recordEgressEvent(context, Date.now(), { method: '-', host: '-', decision: 'refused', status, reason: `malformed request: ${error.code ?? error.message}` });
    replyAndClose(socket, status, 'malformed proxy request');
  });
  server.on('connect', (request, client: Duplex, head: Buffer) => contain(client, handleEgressConnect({ context, request, client, head })));
  server.on('request', (request, response) => contain(response.socket ?? request.socket, handleEgressHttp({ context, request, response })));

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
    report: () => context.recorder.report(),
    close: () => {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        await closed;
        // Tunnels record their event when their sockets close; let those callbacks run first.
        await new Promise((resolve) => setImmediate(resolve));
        await rm(options.socketPath, { force: true });
        return context.recorder.report();
      })();
      return closing;
    },
  };
};
