import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { openUpstream, recordEgressEvent, replyAndClose, type EgressProxyContext } from './egress-proxy-context.ts';
import { parseConnectTarget } from './parse-connect-target.ts';
import { relayEgressTunnel } from './relay-egress-tunnel.ts';
import { resolveEgressTarget } from './resolve-egress-target.ts';

export type HandleEgressConnectOptions = { context: EgressProxyContext; request: IncomingMessage; client: Duplex; head: Buffer };

/** One CONNECT: parse, decide (allowlist, then DNS, then address class), connect to the checked address, relay. */
export const handleEgressConnect = async (options: HandleEgressConnectOptions): Promise<void> => {
  const { context, client } = options;
  const startedAt = Date.now();
  if (!client.writable) return void client.destroy();
  const target = parseConnectTarget({ authority: options.request.url ?? '' });
  if (!target) {
    recordEgressEvent(context, startedAt, { method: 'CONNECT', host: (options.request.url ?? '').slice(0, 300), decision: 'refused', status: 400, reason: 'CONNECT needs host:port' });
    return replyAndClose(client, 400, 'CONNECT needs host:port');
  }
  const resolved = await resolveEgressTarget({ policy: context.policy, host: target.host, port: target.port, localAddresses: context.localAddresses, timeoutMs: context.limits.connectTimeoutMs, lookup: context.lookup });
  const base = { method: 'CONNECT', host: resolved.host, port: target.port, address: resolved.address };
  if (!resolved.ok) {
    recordEgressEvent(context, startedAt, { ...base, decision: resolved.status >= 500 ? 'failed' : 'refused', status: resolved.status, reason: resolved.reason });
    return replyAndClose(client, resolved.status, resolved.reason);
  }
  const upstream = await openUpstream(context, resolved.address, target.port);
  if (upstream instanceof Error) {
    recordEgressEvent(context, startedAt, { ...base, decision: 'failed', status: 502, reason: upstream.message });
    return replyAndClose(client, 502, `cannot reach ${resolved.host}:${target.port}`);
  }
  if (!client.writable) {
    upstream.destroy();
    return void client.destroy();
  }
  (client as Partial<Socket>).setTimeout?.(0);
  client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  const outcome = await relayEgressTunnel({ client, upstream, head: options.head, budget: context.budget, idleMs: context.limits.idleMs });
  recordEgressEvent(context, startedAt, { ...base, decision: 'allowed', status: 200, reason: outcome.reason, bytesUp: outcome.bytesUp, bytesDown: outcome.bytesDown });
};
