// The second tooling stack (`suture fix` / the worker's patch stage) installs dependencies too: its install
// scripts are repository code and must run in the sandbox, reaching only the registry, like the install phase.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingServer, type CountingServer } from '../fixtures/execution/start-counting-server.ts';
import { z } from 'zod';
import { findHostCaBundle } from '../../src/egress/find-host-ca-bundle.ts';
import { createLocalSandbox } from '../../src/execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../../src/execution/resolve-sandbox-limits.ts';
import type { Sandbox } from '../../src/execution/sandbox-types.ts';
import { detectTooling } from '../../src/workspace/detect-tooling.ts';
import { installDependencies } from '../../src/workspace/install-dependencies.ts';
import { ensureTestForwarder } from './ensure-test-forwarder.ts';

const fixture = fileURLToPath(new URL('../fixtures/egress/hostile-install', import.meta.url));
let sandbox: Sandbox;
let server: CountingServer;
const cleanup: string[] = [];

beforeAll(async () => {
  const forwarderPath = await ensureTestForwarder();
  sandbox = await createLocalSandbox({ searchPath: '/usr/local/bin:/usr/bin:/bin', isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0, egress: { forwarderPath, caBundlePath: await findHostCaBundle() } });
  server = await startCountingServer();
}, 240_000);

afterAll(async () => {
  await server.close();
  for (const path of cleanup) await rm(path, { recursive: true, force: true });
});

describe('fixer workspace install (workspace/install-dependencies)', () => {
  it("runs the repository's install scripts in the sandbox: the registry works, the host's loopback does not", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-fix-install-'));
    cleanup.push(dir);
    await cp(fixture, dir, { recursive: true });
    // Without the lockfile the stack takes its direct path (npm install in the workspace, scripts and all).
    await rm(join(dir, 'package-lock.json'));
    await writeFile(
      join(dir, 'egress-targets.json'),
      JSON.stringify({ targets: [{ role: 'host-service', port: server.port }], directHosts: ['127.0.0.1', 'localhost'], proxyHosts: ['127.0.0.1'], extraProxyTargets: [], approveUrls: [`http://127.0.0.1:${server.port}/api/v1/namespaces/default/workflows/x/signal/approve`] }),
    );
    const report = await installDependencies({
      dir,
      tooling: await detectTooling({ dir }),
      isolation: { sandbox, egress: { policy: { rules: [{ host: 'registry.npmjs.org', port: 443 }] } }, limits: resolveSandboxLimits({ overrides: { processes: 512 } }) },
    });
    expect(report.method).toBe('installed');
    expect(existsSync(join(dir, 'node_modules', 'is-number', 'package.json'))).toBe(true);
    const attempts = z.array(z.object({ target: z.string(), ok: z.boolean(), outcome: z.string() })).parse(JSON.parse(await readFile(join(dir, 'node_modules', '.egress-attempts.json'), 'utf8')));
    // The script ran (in the sandbox's staged copy) but got nowhere; the host listener saw nothing.
    expect(server.connections()).toBe(0);
    expect(attempts).toHaveLength(2 + 1 + 3);
    expect(attempts.filter((attempt) => attempt.ok)).toEqual([]);
    expect(report.output).toContain('added 1 package');
  }, 180_000);
});
