import { delimiter } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { findExecutable } from '../execution/find-executable.ts';
import { ensureEgressForwarder } from './ensure-egress-forwarder.ts';
import { findHostCaBundle } from './find-host-ca-bundle.ts';

export type PrepareSandboxEgressOptions = {
  /** Tool cache (e.g. .data/tools). */
  toolsDir: string;
  /** PATH to find Go on (plus /usr/local/go/bin, where the official tarball installs it). */
  searchPath: string;
  home: string;
};

export type SandboxEgressSetup = { forwarderPath: string; caBundlePath: string | null };

let pending: Map<string, Promise<SandboxEgressSetup>> | null = null;

/**
 * What a sandbox backend needs for egress runs: the forwarder binary (built once per source version into the
 * tool cache) and the host CA bundle. Memoised per tools directory: concurrent activities share one build.
 */
export const prepareSandboxEgress = (options: PrepareSandboxEgressOptions): Promise<SandboxEgressSetup> => {
  pending ??= new Map();
  const known = pending.get(options.toolsDir);
  if (known) return known;
  const work = (async () => {
    const searchPath = [options.searchPath, '/usr/local/go/bin'].join(delimiter);
    const go = await findExecutable({ name: 'go', searchPath });
    if (!go) throw new AppError('UNAVAILABLE', 'the sandbox egress forwarder is built with Go, which is not installed (e.g. apt-get install -y golang-go); without it, installs get no registry access');
    const forwarderPath = await ensureEgressForwarder({ toolsDir: options.toolsDir, goBinary: go, env: { PATH: searchPath, HOME: options.home } });
    return { forwarderPath, caBundlePath: await findHostCaBundle() };
  })();
  // A failed build is retried by the next caller (Go may be installed meanwhile).
  work.catch(() => pending?.delete(options.toolsDir));
  pending.set(options.toolsDir, work);
  return work;
};
