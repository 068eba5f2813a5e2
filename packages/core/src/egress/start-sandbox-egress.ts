import { chmod, chown, copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { buildEgressEnv } from './build-egress-env.ts';
import type { EgressReport, SandboxEgressRequest } from './egress-types.ts';
import { startEgressProxy } from './start-egress-proxy.ts';

/** Where the egress directory appears inside every backend, and the forwarder's loopback port there. */
export const sandboxEgressMount = '/run/suture/egress';
export const sandboxEgressPort = 3128;

export type StartSandboxEgressOptions = {
  /** The run's private directory (traversable by the sandbox uid); the egress directory is made inside. */
  runDir: string;
  request: SandboxEgressRequest;
  /** Host path of the static forwarder binary (ensureEgressForwarder). */
  forwarderPath: string;
  /** Host CA bundle to trust inside (findHostCaBundle), or null. */
  caBundlePath: string | null;
  /** The uid/gid the sandboxed command runs as: only it (and root) may open the socket. */
  owner?: { uid: number; gid: number };
};

export type SandboxEgress = {
  /** Host directory to bind read-only at sandboxEgressMount. */
  hostDir: string;
  env: Record<string, string>;
  /** argv prefix that starts the forwarder and then the command. */
  launcher: string[];
  close: () => Promise<EgressReport>;
};

/**
 * One run's egress: a private directory holding the proxy's Unix socket, a copy of the forwarder and of the CA
 * bundle (copies, so the sandbox uid needs no access to our tools or data directories), and the proxy itself.
 */
export const startSandboxEgress = async (options: StartSandboxEgressOptions): Promise<SandboxEgress> => {
  const hostDir = join(options.runDir, 'egress');
  await mkdir(hostDir, { mode: 0o700 });
  await copyFile(options.forwarderPath, join(hostDir, 'forwarder'));
  await chmod(join(hostDir, 'forwarder'), 0o555);
  if (options.caBundlePath) await copyFile(options.caBundlePath, join(hostDir, 'ca.crt'));
  const proxy = await startEgressProxy({ socketPath: join(hostDir, 'proxy.sock'), policy: options.request.policy, limits: options.request.limits });
  if (options.owner) await chown(hostDir, options.owner.uid, options.owner.gid);
  return {
    hostDir,
    env: buildEgressEnv({ port: sandboxEgressPort, caBundlePath: options.caBundlePath ? `${sandboxEgressMount}/ca.crt` : null }),
    launcher: [`${sandboxEgressMount}/forwarder`, '-listen', `127.0.0.1:${sandboxEgressPort}`, '-socket', `${sandboxEgressMount}/proxy.sock`, '--'],
    close: () => proxy.close(),
  };
};
