import { isAbsolute, relative } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { quoteShellArg } from '../execution/quote-shell-arg.ts';
import { sandboxWorkspacePath, type Sandbox, type SandboxLimits } from '../execution/sandbox-types.ts';
import { findLinkedNodeModules } from './find-linked-node-modules.ts';
import type { CommandResult, RunCommandOptions } from './run-command.ts';

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
export const createSandboxedRunner = (options: CreateSandboxedRunnerOptions): CommandRunner => {
  const toSandbox = (value: string): string =>
    value === options.workspaceDir ? sandboxWorkspacePath : value.startsWith(`${options.workspaceDir}/`) ? `${sandboxWorkspacePath}${value.slice(options.workspaceDir.length)}` : value;
  return async (command) => {
    if (command.input !== undefined) throw new AppError('BAD_INPUT', 'a sandboxed command takes no standard input');
    const cwd = relative(options.workspaceDir, command.cwd);
    if (cwd.startsWith('..') || isAbsolute(cwd)) throw new AppError('BAD_INPUT', `working directory ${command.cwd} is outside the workspace`);
    const argv = [command.command, ...(command.args ?? [])];
    const result = await options.sandbox.run({
      workspaceDir: options.workspaceDir,
      command: argv.map((value) => quoteShellArg({ value: toSandbox(value) })).join(' '),
      cwd: cwd || '.',
      env: command.env,
      limits: { ...options.limits, wallTimeMs: command.timeoutMs ?? options.limits.wallTimeMs },
      readOnlyBinds: await findLinkedNodeModules({ sandbox: options.sandbox, workspaceDir: options.workspaceDir }),
    });
    return {
      command: argv.join(' '),
      exitCode: result.timedOut ? null : result.exitCode,
      output: result.chunks.map((chunk) => chunk.text).join(''),
      stdout: result.stdout,
      timedOut: result.timedOut,
      durationMs: result.wallTimeMs,
    };
  };
};
