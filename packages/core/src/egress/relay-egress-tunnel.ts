import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** Bytes the whole run may still move; shared by all of its tunnels. */
export type ByteBudget = { remaining: number };

export type RelayEgressTunnelOptions = {
  client: Duplex;
  upstream: Socket;
  /** Bytes the client sent after its request head, already read by the HTTP parser. */
  head: Buffer;
  budget: ByteBudget;
  idleMs: number;
};

export type TunnelOutcome = { bytesUp: number; bytesDown: number; reason: string | null };

/**
 * Copies bytes both ways with backpressure until either side closes, the tunnel is idle for `idleMs`, or the
 * run's byte budget is spent. Resolves once, after both sockets are destroyed.
 */
export const relayEgressTunnel = (options: RelayEgressTunnelOptions): Promise<TunnelOutcome> =>
  new Promise((resolve) => {
    const { client, upstream, budget } = options;
    const counts = { up: 0, down: 0 };
    let done = false;
    let closed = 0;
    const finish = (reason: string | null): void => {
      if (done) return;
      done = true;
      client.destroy();
      upstream.destroy();
      resolve({ bytesUp: counts.up, bytesDown: counts.down, reason });
    };
    const forward = (from: Duplex, to: Duplex, direction: 'up' | 'down'): void => {
      from.on('data', (chunk: Buffer) => {
        counts[direction] += chunk.length;
        budget.remaining -= chunk.length;
        if (budget.remaining < 0) return finish('the run spent its egress byte budget');
        if (!to.write(chunk)) from.pause();
      });
      to.on('drain', () => from.resume());
      // Half-close: the other side still flushes what it has and may answer; done when both have closed.
      from.on('end', () => to.end());
      from.on('error', () => finish(null));
      from.on('close', () => {
        closed += 1;
        if (closed === 2) finish(null);
        else to.end();
      });
    };
    for (const socket of [client, upstream] as Array<Duplex & Partial<Pick<Socket, 'setTimeout'>>>) {
      socket.setTimeout?.(options.idleMs, () => finish(`idle for ${options.idleMs} ms`));
    }
    forward(client, upstream, 'up');
    forward(upstream, client, 'down');
    if (options.head.length > 0) {
      counts.up += options.head.length;
      budget.remaining -= options.head.length;
      upstream.write(options.head);
    }
  });
