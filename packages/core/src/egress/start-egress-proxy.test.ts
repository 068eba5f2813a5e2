import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EgressPolicy } from './egress-types.ts';
import type { LookupAll } from './resolve-egress-target.ts';
import { startEgressProxy, type EgressProxy } from './start-egress-proxy.ts';

let dir: string;
let proxy: EgressProxy | null = null;
let loopbackServer: Server;
let loopbackPort = 0;
let loopbackConnections = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suture-egress-proxy-'));
  loopbackServer = createServer((socket) => {
    loopbackConnections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => loopbackServer.listen(0, '127.0.0.1', resolve));
  const address = loopbackServer.address();
  loopbackPort = typeof address === 'object' && address ? address.port : 0;
});
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});
afterAll(async () => {
  await new Promise((resolve) => loopbackServer.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

const lookups: string[] = [];
/** A resolver we control, so names can resolve to loopback or private space on any machine. */
const lookup: LookupAll = async (host) => {
  lookups.push(host);
  const table: Record<string, string[]> = {
    'rebound.example': ['127.0.0.1'],
    'mapped.example': ['::ffff:127.0.0.1'],
    'metadata.example': ['169.254.169.254'],
    'private.example': ['10.0.0.7', '192.168.1.1'],
    'mixed.example': ['10.0.0.7', '127.0.0.1', '::1'],
  };
  const answers = table[host];
  if (host === 'slow.example') return new Promise(() => undefined);
  if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

const policy = (extra: Array<{ host: string; port: number }> = []): EgressPolicy => ({
  rules: [
    { host: 'registry.npmjs.org', port: 443 },
    ...['rebound.example', 'mapped.example', 'metadata.example', 'private.example', 'mixed.example', 'slow.example', 'unknown.example'].map((host) => ({ host, port: loopbackPort })),
    ...extra,
  ],
});

const start = async (options: Partial<Parameters<typeof startEgressProxy>[0]> = {}): Promise<EgressProxy> => {
  proxy = await startEgressProxy({ socketPath: join(dir, `p-${Math.random().toString(36).slice(2)}.sock`), policy: policy(), lookup, localAddresses: new Set(), ...options });
  return proxy;
};

/** Sends raw bytes to the proxy and returns everything it answers until it closes (bounded by timeoutMs). */
const exchange = (socketPath: string, raw: string | Buffer, timeoutMs = 5000): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect(socketPath);
    let answer = '';
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(`${answer}<timeout>`);
    }, timeoutMs);
    socket.on('connect', () => socket.write(raw));
    socket.on('data', (data) => {
      answer += data.toString('latin1');
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(answer);
    });
    socket.on('error', () => undefined);
  });

const statusLine = (answer: string): string => answer.split('\r\n')[0] ?? '';

describe('egress proxy: requests it refuses', () => {
  it('answers 400 to malformed requests', async () => {
    const { socketPath, report } = await start();
    expect(statusLine(await exchange(socketPath, 'garbage\r\n\r\n'))).toBe('HTTP/1.1 400 Bad Request');
    expect(statusLine(await exchange(socketPath, 'CONNECT registry.npmjs.org HTTP/1.1\r\n\r\n'))).toBe('HTTP/1.1 400 Bad Request');
    expect(statusLine(await exchange(socketPath, 'CONNECT user@registry.npmjs.org:443 HTTP/1.1\r\n\r\n'))).toBe('HTTP/1.1 400 Bad Request');
    expect(statusLine(await exchange(socketPath, 'GET / HTTP/1.1\r\nHost: registry.npmjs.org\r\n\r\n'))).toBe('HTTP/1.1 400 Bad Request');
    expect(statusLine(await exchange(socketPath, 'GET https://registry.npmjs.org/ HTTP/1.1\r\nHost: registry.npmjs.org\r\n\r\n'))).toBe('HTTP/1.1 400 Bad Request');
    expect(statusLine(await exchange(socketPath, 'CONNECT bad_host!:443 HTTP/1.1\r\n\r\n'))).toBe('HTTP/1.1 400 Bad Request');
    expect(report().refused).toBe(6);
    expect(lookups).toEqual([]);
  });

  it('answers 431 to an oversized head', async () => {
    const { socketPath } = await start();
    const answer = await exchange(socketPath, `CONNECT registry.npmjs.org:443 HTTP/1.1\r\nX-Pad: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(statusLine(answer)).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });

  it('answers 403 for names off the allowlist, other ports and IP literals, without resolving anything', async () => {
    const { socketPath, report } = await start();
    lookups.length = 0;
    for (const target of ['example.com:443', 'registry.npmjs.org:80', 'registry.npmjs.org:22', 'registry.npmjs.org.evil.test:443', '127.0.0.1:443', `127.0.0.1:${loopbackPort}`, '[::1]:443', '[::ffff:127.0.0.1]:443', '192.0.2.2:443']) {
      const answer = await exchange(socketPath, `CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
      expect(statusLine(answer), target).toBe('HTTP/1.1 403 Forbidden');
    }
    expect(statusLine(await exchange(socketPath, `GET http://127.0.0.1:${loopbackPort}/api/v1/namespaces/default/workflows/x/signal/approve HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`))).toBe('HTTP/1.1 403 Forbidden');
    expect(statusLine(await exchange(socketPath, 'GET http://registry.npmjs.org/is-number HTTP/1.1\r\nHost: registry.npmjs.org\r\n\r\n'))).toBe('HTTP/1.1 403 Forbidden');
    // A refused name is never looked up: a CONNECT cannot carry data out through DNS either.
    expect(lookups).toEqual([]);
    expect(loopbackConnections).toBe(0);
    const events = report().events;
    expect(events).toHaveLength(11);
    expect(events.every((event) => event.decision === 'refused' && event.status === 403 && event.bytesUp === 0)).toBe(true);
    expect(events.find((event) => event.host === '127.0.0.1')?.reason).toContain('IP address destinations are not allowed (loopback)');
  });

  it('answers 403 when an allowed name resolves to loopback, link-local or private addresses, and never connects', async () => {
    const { socketPath, report } = await start();
    for (const host of ['rebound.example', 'mapped.example', 'metadata.example', 'private.example', 'mixed.example']) {
      const answer = await exchange(socketPath, `CONNECT ${host}:${loopbackPort} HTTP/1.1\r\n\r\n`);
      expect(statusLine(answer), host).toBe('HTTP/1.1 403 Forbidden');
      expect(answer).toContain('resolves only to refused addresses');
    }
    expect(loopbackConnections).toBe(0);
    expect(report().events.map((event) => [event.host, event.address])).toEqual([
      ['rebound.example', '127.0.0.1'],
      ['mapped.example', '127.0.0.1'],
      ['metadata.example', '169.254.169.254'],
      ['private.example', '10.0.0.7'],
      ['mixed.example', '10.0.0.7'],
    ]);
  });

  it('answers 502 when the name does not resolve and 504 when DNS hangs', async () => {
    const { socketPath, report } = await start({ limits: { connectTimeoutMs: 300 } });
    expect(statusLine(await exchange(socketPath, `CONNECT unknown.example:${loopbackPort} HTTP/1.1\r\n\r\n`))).toBe('HTTP/1.1 502 Bad Gateway');
    expect(statusLine(await exchange(socketPath, `CONNECT slow.example:${loopbackPort} HTTP/1.1\r\n\r\n`))).toBe('HTTP/1.1 504 Gateway Timeout');
    expect(report()).toMatchObject({ failed: 2, refused: 0, allowed: 0 });
  });
});

describe('egress proxy: bounds', () => {
  it('refuses connections past the concurrency limit with 503', async () => {
    const { socketPath, report } = await start({ limits: { connections: 2 } });
    const held: Socket[] = [];
    for (let i = 0; i < 2; i += 1) {
      const socket = connect(socketPath);
      socket.on('error', () => undefined);
      await new Promise((resolve) => socket.once('connect', resolve));
      held.push(socket);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(statusLine(await exchange(socketPath, 'CONNECT registry.npmjs.org:443 HTTP/1.1\r\n\r\n'))).toBe('HTTP/1.1 503 Service Unavailable');
    for (const socket of held) socket.destroy();
    expect(report().events[0]?.reason).toContain('more than 2 concurrent connections');
  });

  it('closes a client that never sends its request head', async () => {
    const { socketPath } = await start({ limits: { headTimeoutMs: 300 } });
    const started = Date.now();
    const answer = await exchange(socketPath, '', 5000);
    expect(answer).not.toContain('<timeout>');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('keeps a bounded number of events and counts the rest', async () => {
    const { socketPath, report } = await start({ limits: { events: 3 } });
    for (let i = 0; i < 5; i += 1) await exchange(socketPath, 'CONNECT example.com:443 HTTP/1.1\r\n\r\n');
    expect(report()).toMatchObject({ refused: 5, droppedEvents: 2 });
    expect(report().events).toHaveLength(3);
  });
});

// The allowed path needs an allowed destination: the real npm registry, which the install phase uses anyway.
describe('egress proxy: the allowed path (real npm registry)', () => {
  const tunnel = async (socketPath: string): Promise<Socket> => {
    const socket = connect(socketPath);
    socket.write('CONNECT registry.npmjs.org:443 HTTP/1.1\r\nHost: registry.npmjs.org:443\r\n\r\n');
    const head = await new Promise<string>((resolve) => {
      let text = '';
      const onData = (data: Buffer): void => {
        text += data.toString('latin1');
        if (text.includes('\r\n\r\n')) {
          socket.off('data', onData);
          resolve(text);
        }
      };
      socket.on('data', onData);
    });
    expect(statusLine(head)).toBe('HTTP/1.1 200 Connection Established');
    return socket;
  };

  it('tunnels TLS to an allowed registry and records the address and bytes', async () => {
    const { socketPath, close } = await start({ lookup: undefined, localAddresses: undefined });
    const raw = await tunnel(socketPath);
    const secure = tlsConnect({ socket: raw, servername: 'registry.npmjs.org' });
    const body = await new Promise<string>((resolve, reject) => {
      let text = '';
      secure.on('secureConnect', () => secure.write('GET /is-number/7.0.0 HTTP/1.1\r\nHost: registry.npmjs.org\r\nAccept: application/json\r\nConnection: close\r\n\r\n'));
      secure.on('data', (data: Buffer) => {
        text += data.toString('utf8');
      });
      secure.on('end', () => resolve(text));
      secure.on('error', reject);
      setTimeout(() => reject(new Error('no answer from the registry in 20 s')), 20_000);
    });
    expect(statusLine(body)).toBe('HTTP/1.1 200 OK');
    expect(body).toMatch(/"name":\s*"is-number"/);
    const report = await close();
    expect(report.events).toHaveLength(1);
    expect(report.events[0]).toMatchObject({ method: 'CONNECT', host: 'registry.npmjs.org', port: 443, decision: 'allowed', status: 200 });
    expect(report.events[0]?.address).toMatch(/^[\d.:a-f]+$/);
    expect(report.events[0]?.bytesDown).toBeGreaterThan(1000);
    expect(report.bytesUp).toBeGreaterThan(100);
  }, 30_000);

  it('cuts a tunnel that stays idle, and one that spends the byte budget', async () => {
    const idle = await start({ lookup: undefined, localAddresses: undefined, limits: { idleMs: 300 } });
    const socket = await tunnel(idle.socketPath);
    await new Promise((resolve) => socket.once('close', resolve));
    expect((await idle.close()).events[0]?.reason).toBe('idle for 300 ms');

    const small = await start({ lookup: undefined, localAddresses: undefined, limits: { totalBytes: 512 } });
    const raw = await tunnel(small.socketPath);
    const secure = tlsConnect({ socket: raw, servername: 'registry.npmjs.org' });
    secure.on('error', () => undefined);
    await new Promise((resolve) => secure.once('close', resolve));
    const report = await small.close();
    expect(report.events[0]?.reason).toBe('the run spent its egress byte budget');
    expect(report.events[0]?.bytesDown).toBeLessThan(64 * 1024);
  }, 30_000);
});
