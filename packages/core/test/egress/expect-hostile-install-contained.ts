// The hostile install from issue #12 (finding 1), shared by the local and the docker backend tests: real
// listeners standing in for Suture's services (plus the real Temporal dev server), a repository whose postinstall
// script tries every way out to them, and the assertions that nothing got through.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { z } from 'zod';
import { installDependencies } from '../../src/execution/install-dependencies.ts';
import { prepareTestPlan } from '../../src/execution/prepare-test-plan.ts';
import { resolveSandboxLimits } from '../../src/execution/resolve-sandbox-limits.ts';
import type { Sandbox } from '../../src/execution/sandbox-types.ts';
import { startTemporalDevServer, type TemporalDevServer } from './start-temporal-dev-server.ts';

const fixture = fileURLToPath(new URL('../fixtures/egress/hostile-install', import.meta.url));
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

/** The host's own non-loopback IPv4 addresses: services bound to 0.0.0.0 answer there too. */
export const hostAddresses = Object.values(networkInterfaces())
  .flat()
  .filter((entry) => entry && !entry.internal && entry.family === 'IPv4')
  .map((entry) => entry?.address ?? '');

export type HostServices = { temporal: TemporalDevServer; listeners: Listener[]; stop: () => Promise<void> };

export const startHostServices = async (): Promise<HostServices> => {
  const temporal = await startTemporalDevServer();
  const listeners: Listener[] = [];
  // Stand-ins for the web app, the OIDC provider and Postgres, on loopback and on the host's own addresses.
  for (const role of ['web', 'oidc', 'postgres', 'extra-listener']) listeners.push(await listen(role, ['127.0.0.1', ...hostAddresses]));
  return {
    temporal,
    listeners,
    stop: async () => {
      await temporal.stop();
      for (const listener of listeners) await listener.close();
    },
  };
};

const stackPorts = (): Array<{ role: string; port: number }> => {
  const ports: Array<{ role: string; port: number }> = [];
  if (stackEnv.DATABASE_URL) ports.push({ role: 'stack-postgres', port: Number(new URL(stackEnv.DATABASE_URL).port || 5432) });
  const temporalPort = /:(\d+)$/.exec(stackEnv.TEMPORAL_ADDRESS ?? '')?.[1];
  if (temporalPort) ports.push({ role: 'stack-temporal-grpc', port: Number(temporalPort) });
  return ports;
};

const attemptsSchema = z.array(z.object({ kind: z.string(), role: z.string(), target: z.string(), outcome: z.string(), ok: z.boolean() }));

/**
 * Runs the hostile repository's real install phase (`npm ci` of is-number@7.0.0 from the real registry, its
 * postinstall probing every route) in `sandbox`, and asserts: the install succeeded through the egress proxy;
 * every one of the script's attempts failed; no listener saw a connection; the waiting workflow got no signal;
 * the run's egress record shows the registry allowed and the loopback names refused after DNS.
 */
export const expectHostileInstallContained = async (options: { sandbox: Sandbox; services: HostServices }): Promise<void> => {
  const { temporal, listeners } = options.services;
  const cleanup: string[] = [];
  try {
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
      const installed = await installDependencies({ sandbox: options.sandbox, repoDir: repo, plan, limits, egress: { policy: { rules } }, scratchDir: scratch });

      expect(installed?.outcome.exitCode, installed?.outcome.tail).toBe(0);
      const workspace = installed?.workspaceDir ?? '';
      expect(existsSync(join(workspace, 'node_modules', 'is-number', 'package.json'))).toBe(true);

      const attempts = attemptsSchema.parse(JSON.parse(await readFile(join(workspace, 'egress-attempts.json'), 'utf8')));
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
  } finally {
    for (const path of cleanup) await rm(path, { recursive: true, force: true });
  }
};
