import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { EgressRecorder } from './create-egress-recorder.ts';
import type { EgressDecision, EgressEvent, EgressLimits, EgressPolicy } from './egress-types.ts';
import type { ByteBudget } from './relay-egress-tunnel.ts';
import type { LookupAll } from './resolve-egress-target.ts';

/** What every request handler of one run's proxy shares. */
export type EgressProxyContext = {
  policy: EgressPolicy;
  limits: EgressLimits;
  localAddresses: ReadonlySet<string>;
  lookup: LookupAll | undefined;
  recorder: EgressRecorder;
  budget: ByteBudget;
  /** Registers a socket so closing the proxy destroys it. */
  track: (socket: Duplex) => void;
};

type EventFields = Partial<EgressEvent> & { method: string; host: string; decision: EgressDecision; status: number };

export const recordEgressEvent = (context: EgressProxyContext, startedAt: number, fields: EventFields): void => {
  context.recorder.record({
    at: new Date(startedAt).toISOString(),
    port: null,
    address: null,
    reason: null,
    bytesUp: 0,
    bytesDown: 0,
    durationMs: Date.now() - startedAt,
    ...fields,
  });
};

const reasonPhrases: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 408: 'Request Timeout', 431: 'Request Header Fields Too Large', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' };

/** A complete error answer on a raw socket (CONNECT and parse errors have no ServerResponse), then close. */
export const replyAndClose = (socket: Duplex, status: number, reason: string): void => {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = `${reason}\n`;
  socket.end(`HTTP/1.1 ${status} ${reasonPhrases[status] ?? 'Error'}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
};

/** TCP connect to the exact address that was checked, bounded by the connect timeout. */
export const openUpstream = (context: EgressProxyContext, address: string, port: number): Promise<Socket | Error> =>
  new Promise((resolve) => {
    const upstream = connect({ host: address, port, allowHalfOpen: true });
    const timer = setTimeout(() => {
      upstream.destroy();
      resolve(new Error(`connect timed out after ${context.limits.connectTimeoutMs} ms`));
    }, context.limits.connectTimeoutMs);
    upstream.once('connect', () => {
      clearTimeout(timer);
      context.track(upstream);
      resolve(upstream);
    });
    upstream.once('error', (error) => {
      clearTimeout(timer);
      resolve(error);
    });
  });
