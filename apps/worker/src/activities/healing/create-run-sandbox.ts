// The sandbox every activity runs repository code in: the local backend with this worker's toolchains, and the
// egress forwarder when the caller needs registry access (built once into the tool cache on first use).
import { join } from 'node:path';
import { prepareSandboxEgress } from '@suture/core/egress/prepare-sandbox-egress';
import { createSandbox } from '@suture/core/execution/create-sandbox';
import type { Sandbox } from '@suture/core/execution/sandbox-types';
import type { HealingDeps } from './deps.ts';

export const createRunSandbox = async (deps: HealingDeps, options: { egress: boolean }): Promise<Sandbox> => {
  const egress = options.egress
    ? await prepareSandboxEgress({ toolsDir: deps.sandbox.toolsDir, searchPath: deps.sandbox.searchPath, home: deps.sandbox.home })
    : null;
  return createSandbox({
    backend: 'local',
    local: {
      egress,
      searchPath: deps.sandbox.searchPath,
      isRoot: process.getuid?.() === 0,
      currentUid: process.getuid?.() ?? 0,
      toolchainPaths: deps.sandbox.toolchainPaths,
      // A bound toolchain is only usable when its binaries are on the sandbox's PATH.
      extraPath: deps.sandbox.toolchainPaths.map((dir) => join(dir, 'bin')),
    },
  });
};
