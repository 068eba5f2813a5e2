// The docker backend against a real Docker Engine (started by the test, see start-docker-engine.ts): the same
// rule as the local backend. Containers are always NetworkMode none; the install phase reaches the registry only
// through the bound egress socket and forwarder, and the hostile postinstall reaches nothing on the host.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findHostCaBundle } from '../../src/egress/find-host-ca-bundle.ts';
import { createDockerSandbox } from '../../src/execution/create-docker-sandbox.ts';
import { resolveSandboxLimits } from '../../src/execution/resolve-sandbox-limits.ts';
import type { Sandbox } from '../../src/execution/sandbox-types.ts';
import { ensureTestForwarder } from '../egress/ensure-test-forwarder.ts';
import { expectHostileInstallContained, startHostServices, type HostServices } from '../egress/expect-hostile-install-contained.ts';
import { stageNodeImage } from './stage-node-image.ts';
import { startDockerEngine, type DockerEngine } from './start-docker-engine.ts';

const image = 'suture-sandbox-test:node';
let engine: DockerEngine;
let sandbox: Sandbox;
let services: HostServices;

beforeAll(async () => {
  const forwarderPath = await ensureTestForwarder();
  engine = await startDockerEngine();
  const rootDir = await stageNodeImage();
  try {
    await engine.importImage({ rootDir, name: image });
  } finally {
    await rm(rootDir, { recursive: true, force: true });
  }
  sandbox = createDockerSandbox({ socketPath: engine.socketPath, image, user: { uid: 65534, gid: 65534 }, egress: { forwarderPath, caBundlePath: await findHostCaBundle() } });
  services = await startHostServices();
}, 300_000);

afterAll(async () => {
  await services?.stop();
  await engine?.stop();
}, 60_000);

describe('docker backend egress (real Docker Engine)', () => {
  it('runs without any network: NetworkMode none, only loopback inside', async () => {
    const result = await sandbox.run({ workspaceDir: '/usr/lib/node_modules/npm/bin', command: "node -e \"console.log(Object.keys(require('os').networkInterfaces()).join(','))\"", limits: resolveSandboxLimits({ overrides: { wallTimeMs: 30_000 } }) });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('lo');
    expect(result.egress).toBeNull();
  }, 60_000);

  it('installs a real registry dependency while every connection to Suture and the host fails, and the run cannot approve itself', async () => {
    await expectHostileInstallContained({ sandbox, services });
  }, 240_000);
});
