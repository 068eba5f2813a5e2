// Issue #12, finding 1: a repository's postinstall script reached the Temporal dev server's HTTP API on the
// host's loopback and approved its own fix. This runs the real install phase in the local backend (real
// bubblewrap, real npm, the real npm registry through Suture's egress proxy) against real listeners: the real
// Temporal dev server and TCP/HTTP listeners standing in for the web app, the OIDC provider and Postgres (plus
// the real Postgres and Temporal of `npm test` when DATABASE_URL / TEMPORAL_ADDRESS are set).
import { afterAll, beforeAll, describe, it } from 'vitest';
import { findHostCaBundle } from '../../src/egress/find-host-ca-bundle.ts';
import { createLocalSandbox } from '../../src/execution/create-local-sandbox.ts';
import type { Sandbox } from '../../src/execution/sandbox-types.ts';
import { ensureTestForwarder } from './ensure-test-forwarder.ts';
import { expectHostileInstallContained, startHostServices, type HostServices } from './expect-hostile-install-contained.ts';

const searchPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

let sandbox: Sandbox;
let services: HostServices;

beforeAll(async () => {
  const forwarderPath = await ensureTestForwarder();
  sandbox = await createLocalSandbox({ searchPath, isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0, egress: { forwarderPath, caBundlePath: await findHostCaBundle() } });
  services = await startHostServices();
}, 240_000);

afterAll(async () => {
  await services?.stop();
});

describe('install phase egress, local backend (real bubblewrap, real npm registry, real Temporal dev server)', () => {
  it('installs a real registry dependency while every connection to Suture and the host fails, and the run cannot approve itself', async () => {
    await expectHostileInstallContained({ sandbox, services });
  }, 180_000);
});
