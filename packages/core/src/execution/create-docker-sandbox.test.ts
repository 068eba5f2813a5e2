import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDockerCreateOptions } from './build-docker-create-options.ts';
import { createDockerSandbox } from './create-docker-sandbox.ts';
import { resolveSandboxLimits } from './resolve-sandbox-limits.ts';

const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 800, memoryBytes: 512 * 1024 ** 2, processes: 64, cpuSeconds: 30, tmpBytes: 1024 ** 2 } });

/** Docker multiplexed-stream frame (stream 1 = stdout, 2 = stderr). */
const frame = (stream: 1 | 2, text: string): Buffer => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

type Call = { method: string; path: string; body: unknown };

// The subset of the Docker Engine API the backend uses, on a unix socket: create, start, wait, kill, logs, inspect, remove.
const startFakeEngine = async (socketPath: string, behaviour: { hang: boolean }) => {
  const calls: Call[] = [];
  let release: (() => void) | null = null;
  const readBody = async (request: IncomingMessage): Promise<unknown> => {
    let text = '';
    for await (const chunk of request) text += String(chunk);
    return text ? (JSON.parse(text) as unknown) : null;
  };
  const server: Server = createServer((request, response) => {
    void (async () => {
      const path = (request.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0] ?? '';
      calls.push({ method: request.method ?? '', path, body: await readBody(request) });
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method === 'POST' && path === '/containers/create') return json(201, { Id: 'c0ffee', Warnings: [] });
      if (request.method === 'POST' && path === '/containers/c0ffee/start') return response.writeHead(204).end();
      if (request.method === 'POST' && path === '/containers/c0ffee/kill') {
        release?.();
        return response.writeHead(204).end();
      }
      if (request.method === 'POST' && path === '/containers/c0ffee/wait') {
        if (!behaviour.hang) return json(200, { StatusCode: 1 });
        return new Promise<void>((resolve) => {
          release = () => {
            json(200, { StatusCode: 137 });
            resolve();
          };
        });
      }
      if (request.method === 'GET' && path === '/containers/c0ffee/logs') {
        response.writeHead(200, { 'content-type': 'application/vnd.docker.raw-stream' });
        const now = new Date().toISOString();
        return response.end(Buffer.concat([frame(1, `${now} TAP version 13\n${now} not ok 1 - adds\n`), frame(2, `${now} boom\n`)]));
      }
      if (request.method === 'GET' && path === '/containers/c0ffee/json') return json(200, { Id: 'c0ffee', State: { ExitCode: behaviour.hang ? 137 : 1, OOMKilled: false } });
      if (request.method === 'DELETE' && path === '/containers/c0ffee') return response.writeHead(204).end();
      return json(404, { message: `unexpected ${request.method} ${path}` });
    })();
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suture-docker-test-'));
  await writeFile(join(dir, 'package.json'), '{}');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('docker sandbox', () => {
  it('maps the sandbox policy onto container options', () => {
    const options = buildDockerCreateOptions({ image: 'node:20', command: 'npm test', cwd: 'app', env: { TZ: 'UTC' }, limits, workspaceHostDir: '/tmp/ws', cpus: 2, user: '65534:65534', runId: 'r1' });
    expect(options).toMatchObject({
      Image: 'node:20',
      Cmd: ['/bin/sh', '-c', 'npm test'],
      WorkingDir: '/workspace/app',
      Env: ['TZ=UTC'],
      User: '65534:65534',
      HostConfig: {
        Binds: ['/tmp/ws:/workspace:rw'],
        NetworkMode: 'none',
        Memory: 512 * 1024 ** 2,
        MemorySwap: 512 * 1024 ** 2,
        NanoCpus: 2e9,
        PidsLimit: 64,
        ReadonlyRootfs: true,
        Tmpfs: { '/tmp': 'rw,nosuid,nodev,size=1048576', '/home/sandbox': 'rw,nosuid,nodev,size=1048576' },
        CapDrop: ['ALL'],
        SecurityOpt: ['no-new-privileges:true'],
        Init: true,
      },
    });
    expect(options.HostConfig?.Ulimits).toContainEqual({ Name: 'cpu', Soft: 30, Hard: 30 });
    // Egress (the install phase) keeps NetworkMode none: only the proxy socket directory and the forwarder come in.
    const egress = buildDockerCreateOptions({ image: 'x', command: 'npm ci', env: {}, limits, workspaceHostDir: '/w', cpus: 1, user: '0:0', runId: 'r', readOnlyBinds: [{ source: '/tmp/run/egress', target: '/run/suture/egress' }], launcher: ['/run/suture/egress/forwarder', '--'] });
    expect(egress.HostConfig?.NetworkMode).toBe('none');
    expect(egress.HostConfig?.Binds).toEqual(['/w:/workspace:rw', '/tmp/run/egress:/run/suture/egress:ro']);
    expect(egress.Cmd).toEqual(['/run/suture/egress/forwarder', '--', '/bin/sh', '-c', 'npm ci']);
  });

  it('creates, starts, waits, reads demultiplexed logs and removes the container', async () => {
    const socketPath = join(dir, 'engine-a.sock');
    const engine = await startFakeEngine(socketPath, { hang: false });
    try {
      const sandbox = createDockerSandbox({ socketPath, image: 'node:20-bookworm-slim', user: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 } });
      const result = await sandbox.run({ workspaceDir: dir, command: 'node --test', limits: { ...limits, wallTimeMs: 10_000 } });
      expect(result).toMatchObject({ backend: 'docker', exitCode: 1, timedOut: false, stdout: 'TAP version 13\nnot ok 1 - adds\n', stderr: 'boom\n' });
      expect(result.chunks.every((chunk) => chunk.atMs >= 0)).toBe(true);
      expect(engine.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
        'POST /containers/create',
        'POST /containers/c0ffee/start',
        'POST /containers/c0ffee/wait',
        'GET /containers/c0ffee/logs',
        'GET /containers/c0ffee/json',
        'DELETE /containers/c0ffee',
      ]);
      expect(engine.calls[0]?.body).toMatchObject({ Image: 'node:20-bookworm-slim', HostConfig: { NetworkMode: 'none', ReadonlyRootfs: true } });
    } finally {
      await engine.close();
    }
  });

  it('kills the container at the wall-time limit and still cleans up', async () => {
    const socketPath = join(dir, 'engine-b.sock');
    const engine = await startFakeEngine(socketPath, { hang: true });
    try {
      const sandbox = createDockerSandbox({ socketPath, image: 'node:20', user: { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0 } });
      const result = await sandbox.run({ workspaceDir: dir, command: 'sleep 100', limits });
      expect(result).toMatchObject({ timedOut: true, limitHit: 'wall-time', exitCode: null, signal: 'SIGKILL' });
      expect(engine.calls.map((call) => `${call.method} ${call.path}`)).toContain('POST /containers/c0ffee/kill');
      expect(engine.calls.at(-1)).toMatchObject({ method: 'DELETE', path: '/containers/c0ffee' });
    } finally {
      await engine.close();
    }
  });
});
