import { createServer, connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { relayEgressTunnel } from './relay-egress-tunnel.ts';

/** Two connected TCP socket pairs on loopback: [test side, relay side] for the client and for the upstream. */
const socketPair = async (): Promise<[Socket, Socket]> => {
  const server = createServer({ allowHalfOpen: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const outer = connect({ port: typeof address === 'object' && address ? address.port : 0, host: '127.0.0.1', allowHalfOpen: true });
  const inner = await accepted;
  server.close();
  return [outer, inner];
};

const readAll = (socket: Socket): Promise<string> =>
  new Promise((resolve) => {
    let text = '';
    socket.on('data', (data: Buffer) => {
      text += data.toString();
    });
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
  });

describe('relayEgressTunnel', () => {
  it('copies both ways, forwards the parsed head first, counts bytes and survives a half-close', async () => {
    const [client, clientRelay] = await socketPair();
    const [upstream, upstreamRelay] = await socketPair();
    const budget = { remaining: 1_000_000 };
    const relayed = relayEgressTunnel({ client: clientRelay, upstream: upstreamRelay, head: Buffer.from('HEAD|'), budget, idleMs: 5000 });
    const upstreamGot = readAll(upstream);
    client.end('hello');
    expect(await upstreamGot).toBe('HEAD|hello');
    const clientGot = readAll(client);
    upstream.end('world, after the client closed its side');
    expect(await clientGot).toBe('world, after the client closed its side');
    expect(await relayed).toEqual({ bytesUp: 10, bytesDown: 39, reason: null });
    expect(budget.remaining).toBe(1_000_000 - 49);
  });

  it('cuts the tunnel when the shared budget is spent, and when it is idle', async () => {
    const [client, clientRelay] = await socketPair();
    const [upstream, upstreamRelay] = await socketPair();
    const spent = relayEgressTunnel({ client: clientRelay, upstream: upstreamRelay, head: Buffer.alloc(0), budget: { remaining: 100 }, idleMs: 5000 });
    upstream.write(Buffer.alloc(4096));
    expect((await spent).reason).toBe('the run spent its egress byte budget');
    client.destroy();
    upstream.destroy();

    const [client2, clientRelay2] = await socketPair();
    const [upstream2, upstreamRelay2] = await socketPair();
    const idle = await relayEgressTunnel({ client: clientRelay2, upstream: upstreamRelay2, head: Buffer.alloc(0), budget: { remaining: 100 }, idleMs: 200 });
    expect(idle.reason).toBe('idle for 200 ms');
    client2.destroy();
    upstream2.destroy();
  });
});
