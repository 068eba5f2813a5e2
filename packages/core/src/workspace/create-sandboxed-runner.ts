import type { Sandbox, SandboxLimits } from '../execution/sandbox-types.ts';
import type { CommandResult, RunCommandOptions } from './run-command.ts';
import { runSandboxedCommand } from './run-sandboxed-command.ts';

/** runCommand's shape, so validation can run its checks on the host (tests) or in the sandbox (production). */
export type CommandRunner = (options: RunCommandOptions) => Promise<CommandResult>;

export type CreateSandboxedRunnerOptions = {
  sandbox: Sandbox;
  /** The fix workspace; every command runs in a throwaway copy of it, so nothing it does lands in the patch. */
  workspaceDir: string;
  limits: SandboxLimits;
};

/**
 * Runs a command of the fix pipeline (the repository's own type-check/build scripts, the failing CI step, build
 * scripts such as build.rs) in the sandbox instead of on the host: no network, no host environment, the system
 * read-only, and a copy of the workspace (so a hostile script can neither reach Suture nor edit the patch or
 * the workspace's .git behind the host's back). Paths under the workspace are mapped to the sandbox's.
 */
export const createSandboxedRunner = (options: CreateSandboxedRunnerOptions): CommandRunner => async (command) =>
  (await runSandboxedCommand({ ...options, command })).commandResult;
