import { join } from 'node:path';
import { copyWorkspace } from './copy-workspace.ts';
import type { TestPlan } from './prepare-test-plan.ts';
import type { Sandbox, SandboxLimits } from './sandbox-types.ts';

export type InstallOutcome = {
  command: string;
  network: boolean;
  exitCode: number | null;
  timedOut: boolean;
  wallTimeMs: number;
  /** Last lines of output, for the report when the install fails. */
  tail: string;
};

export type InstallDependenciesOptions = {
  sandbox: Sandbox;
  repoDir: string;
  plan: TestPlan;
  limits: SandboxLimits;
  network: boolean;
  /** Our own directory for the installed copy. */
  scratchDir: string;
  signal?: AbortSignal;
};

/**
 * Runs the install command once, in place, in a copy of the repo: the only phase that may have network. Later
 * runs copy the installed tree, so every run starts from the same dependencies without fetching again.
 * Null when the project has nothing to install.
 */
export const installDependencies = async (options: InstallDependenciesOptions): Promise<{ workspaceDir: string; outcome: InstallOutcome } | null> => {
  const command = options.plan.install;
  if (!command) return null;
  const workspaceDir = join(options.scratchDir, 'installed');
  await copyWorkspace({ sourceDir: options.repoDir, targetDir: workspaceDir });
  const result = await options.sandbox.run({
    workspaceDir,
    workspaceMode: 'in-place',
    command,
    cwd: options.plan.cwd,
    network: options.network,
    env: options.plan.env,
    limits: options.limits,
    signal: options.signal,
  });
  return {
    workspaceDir,
    outcome: {
      command,
      network: options.network,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      wallTimeMs: result.wallTimeMs,
      tail: `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n'),
    },
  };
};
