import { join } from 'node:path';
import type { EgressReport, SandboxEgressRequest } from '../egress/egress-types.ts';
import { copyWorkspace } from './copy-workspace.ts';
import type { TestPlan } from './prepare-test-plan.ts';
import type { Sandbox, SandboxLimits } from './sandbox-types.ts';

export type InstallOutcome = {
  command: string;
  /** Hosts the install could reach through the egress proxy (empty: none). */
  egressHosts: string[];
  /** Every connection it attempted, allowed or refused. */
  egress: EgressReport | null;
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
  /** Registry access for the install command (its own network namespace either way); null: none. */
  egress: SandboxEgressRequest | null;
  /** Our own directory for the installed copy. */
  scratchDir: string;
  signal?: AbortSignal;
};

/**
 * Runs the install command once, in place, in a copy of the repo: the only phase that may reach registries (through
 * the egress proxy; never the host's network). Later
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
    egress: options.egress,
    env: options.plan.env,
    limits: options.limits,
    signal: options.signal,
  });
  return {
    workspaceDir,
    outcome: {
      command,
      egressHosts: options.egress?.policy.rules.map((rule) => `${rule.host}:${rule.port}`) ?? [],
      egress: result.egress,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      wallTimeMs: result.wallTimeMs,
      tail: `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-20).join('\n'),
    },
  };
};
