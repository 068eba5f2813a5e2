// Issue #12, finding 1: a repository's postinstall script reached the Temporal dev server's HTTP API on the
// host's loopback and approved its own fix. These tests run the real install phase (real bubblewrap, real npm,
// the real npm registry through Suture's egress proxy) against real listeners: the real Temporal dev server
// and TCP/HTTP listeners standing in for the web app, the OIDC provider and Postgres (plus the real Postgres
// and Temporal of `npm test` when DATABASE_URL / TEMPORAL_ADDRESS are set).
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findHostCaBundle } from '../../src/egress/find-host-ca-bundle.ts';
import { createLocalSandbox } from '../../src/execution/create-local-sandbox.ts';
import { installDependencies } from '../../src/execution/install-dependencies.ts';
import { prepareTestPlan } from '../../src/execution/prepare-test-plan.ts';
import { resolveSandboxLimits } from '../../src/execution/resolve-sandbox-limits.ts';
import type { Sandbox } from '../../src/execution/sandbox-types.ts';
import { ensureTestForwarder } from './ensure-test-forwarder.ts';
import { startTemporalDevServer, type TemporalDevServer } from './start-temporal-dev-server.ts';

const fixture = fileURLToPath(new URL('../fixtures/egress/hostile-install', import.meta.url));
const searchPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const isRoot = process.getuid?.() === 0;
const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 120_000, processes: 512 } });

// The stack's own services, when the test runs under `npm test` / `bootstrap.mjs run`.
const stackEnv = z
  .object({ DATABASE_URL: z.string().url().optional(), TEMPORAL_ADDRESS: z.string().optional() })
  .parse(process.env);

type Listener = { role: string; port: number; connections: () => number; close: () => Promise<void> };

/** A TCP listener that counts every connection (and answers like an HTTP server) on the given addresses. */
const listen = async (role: string, hosts: string[]): Promise<Listener> => {
  let count = 0;
  const servers: Server[] = [];
  let port = 0;
  for (const host of hosts) {
    const server = createServer((socket) => {
      count += 1;
      socket.on('error', () => undefined);
      socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok');
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address();
    port = typeof address === 'object' && address ? address.port : 0;
    servers.push(server);
  }
  return { role, port, connections: () => count, close: async () => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))).then(() => undefined) };
};

const hostAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((entry) => entry && !entry.internal && entry.family === 'IPv4')
  .map((entry) => entry?.address ?? '');

let forwarderPath: string;
let sandbox: Sandbox;
let temporal: TemporalDevServer;
const listeners: Listener[] = [];
const cleanup: string[] = [];

beforeAll(async () => {
  forwarderPath = await ensureTestForwarder();
  sandbox = await createLocalSandbox({ searchPath, isRoot, currentUid: process.getuid?.() ?? 0, egress: { forwarderPath, caBundlePath: await findHostCaBundle() } });
  temporal = await startTemporalDevServer();
  // Stand-ins for the web app, the OIDC provider and Postgres, on loopback and on the host's own addresses.
  for (const role of ['web', 'oidc', 'postgres', 'extra-listener']) listeners.push(await listen(role, ['127.0.0.1', ...hostAddresses]));
}, 240_000);

afterAll(async () => {
  await temporal?.stop();
  for (const listener of listeners) await listener.close();
  for (const path of cleanup) await rm(path, { recursive: true, force: true });
});

const stackPorts = (): Array<{ role: string; port: number }> => {
  const ports: Array<{ role: string; port: number }> = [];
  if (stackEnv.DATABASE_URL) ports.push({ role: 'stack-postgres', port: Number(new URL(stackEnv.DATABASE_URL).port || 5432) });
  const temporalPort = /:(\d+)$/.exec(stackEnv.TEMPORAL_ADDRESS ?? '')?.[1];
  if (temporalPort) ports.push({ role: 'stack-temporal-grpc', port: Number(temporalPort) });
  return ports;
};

describe('install phase egress (real bubblewrap, real npm registry, real Temporal dev server)', () => {
  it('installs a real registry dependency while every connection to Suture and the host fails, and the run cannot approve itself', async () => {
    const workflowId = `healing-run-${randomUUID()}`;
    await temporal.startWaitingWorkflow(workflowId);
    const repo = await mkdtemp(join(tmpdir(), 'suture-hostile-'));
    cleanup.push(repo);
    await chmod(repo, 0o755);
    await cp(fixture, repo, { recursive: true });
    const targets = [
      ...listeners.map((listener) => ({ role: listener.role, port: listener.port })),
      { role: 'temporal-grpc', port: temporal.grpcPort },
      { role: 'temporal-ui', port: temporal.uiPort },
      { role: 'temporal-http-api', port: temporal.httpPort },
      ...stackPorts(),
    ];
    const approveUrls = [temporal.uiPort, temporal.httpPort].map((port) => `http://127.0.0.1:${port}/api/v1/namespaces/default/workflows/${workflowId}/signal/approve`);
    await writeFile(
      join(repo, 'egress-targets.json'),
      JSON.stringify({
        targets,
        directHosts: ['127.0.0.1', '::1', 'localhost', ...hostAddresses],
        proxyHosts: ['127.0.0.1', 'localhost', '::1', hostname(), ...hostAddresses],
        extraProxyTargets: ['example.com:443', 'registry.npmjs.org.evil.test:443', 'registry.npmjs.org:22', 'registry.npmjs.org:80', '2130706433:443', '0x7f.0.0.1:443', '[::ffff:127.0.0.1]:443'],
        approveUrls,
      }),
    );
    const plan = await prepareTestPlan({ repoDir: repo, command: 'node -e 0' });
    expect(plan.install).toBe('npm ci --no-audit --no-fund');
    const scratch = await mkdtemp(join(tmpdir(), 'suture-hostile-scratch-'));
    cleanup.push(scratch);
    await chmod(scratch, 0o711);
    // The allowlist also names loopback host names for Temporal's ports: as if misconfigured, or a registry
    // name re-pointed at 127.0.0.1. They must still be refused, after DNS resolution.
    const rules = [
      { host: 'registry.npmjs.org', port: 443 },
      ...targets.flatMap((target) => [{ host: 'localhost', port: target.port }, { host: hostname().toLowerCase(), port: target.port }]),
    ];
    const installed = await installDependencies({ sandbox, repoDir: repo, plan, limits, egress: { policy: { rules } }, scratchDir: scratch });

    expect(installed?.outcome.exitCode, installed?.outcome.tail).toBe(0);
    const workspace = installed?.workspaceDir ?? '';
    expect(existsSync(join(workspace, 'node_modules', 'is-number', 'package.json'))).toBe(true);

    const attempts = z
      .array(z.object({ kind: z.string(), role: z.string(), target: z.string(), outcome: z.string(), ok: z.boolean() }))
      .parse(JSON.parse(await readFile(join(workspace, 'egress-attempts.json'), 'utf8')));
    // Not vacuous: the script really tried every route to every service.
    const expectedCount = targets.length * (3 + hostAddresses.length) + targets.length * (4 + hostAddresses.length) + 7 + approveUrls.length * 3;
    expect(attempts).toHaveLength(expectedCount);
    expect(attempts.filter((attempt) => attempt.ok)).toEqual([]);
    for (const attempt of attempts.filter((entry) => entry.kind === 'direct')) expect(['ECONNREFUSED', 'ENETUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT'], attempt.target).toContain(attempt.outcome);
    for (const attempt of attempts.filter((entry) => entry.kind === 'proxy')) expect(attempt.outcome, attempt.target).toMatch(/^HTTP\/1\.1 (?:400|403|502) /);
    for (const attempt of attempts.filter((entry) => entry.kind === 'curl-proxy')) expect(attempt.outcome).toMatch(/http (?:403|000)$/);

    // Nothing reached the listeners, and the workflow never got the approval signal.
    for (const listener of listeners) expect(listener.connections(), listener.role).toBe(0);
    expect(await temporal.signalsOf(workflowId)).toEqual([]);

    // The run's egress record: the registry allowed, every probe refused, with the address we checked.
    const egress = installed?.outcome.egress;
    expect(installed?.outcome.egressHosts).toContain('registry.npmjs.org:443');
    expect(egress?.events.some((event) => event.host === 'registry.npmjs.org' && event.decision === 'allowed' && event.bytesDown > 0)).toBe(true);
    const refusedLoopback = egress?.events.filter((event) => event.decision === 'refused' && event.host === 'localhost') ?? [];
    expect(refusedLoopback.length).toBe(targets.length);
    expect(refusedLoopback.every((event) => event.reason?.includes('resolves only to refused addresses') && ['127.0.0.1', '::1'].includes(event.address ?? ''))).toBe(true);
    expect(egress?.events.filter((event) => event.decision === 'allowed').every((event) => event.host === 'registry.npmjs.org')).toBe(true);
  }, 180_000);
});
