import { isAbsolute, relative } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { quoteShellArg } from '../execution/quote-shell-arg.ts';
import {
  sandboxWorkspacePath,
  type Sandbox,
  type SandboxLimits,
  type SandboxRunRequest,
  type SandboxRunResult,
} from '../execution/sandbox-types.ts';
import { findLinkedNodeModules } from './find-linked-node-modules.ts';
import type { CommandResult, RunCommandOptions } from './run-command.ts';

export type RunSandboxedCommandOptions = {
  sandbox: Sandbox;
  /** The fix workspace; the command runs in a throwaway copy of it. */
  workspaceDir: string;
  limits: SandboxLimits;
  command: RunCommandOptions;
  /** Files to read back out of the copy (the fixer runner's candidates). */
  collect?: Pick<SandboxRunRequest, 'collectPaths' | 'collectLimits'>;
};

/**
 * One command of the fix pipeline in the sandbox, in runCommand's shape: its host paths under the workspace are
 * mapped to the sandbox's, the working directory must stay inside the workspace, and a shared node_modules the
 * workspace links to is bound read-only. The validation and the fixer runners both go through here.
 */
export const runSandboxedCommand = async (
  options: RunSandboxedCommandOptions,
): Promise<{ commandResult: CommandResult; run: SandboxRunResult }> => {
  const { command, workspaceDir } = options;
  if (command.input !== undefined) throw new AppError('BAD_INPUT', 'a sandboxed command takes no standard input');
  const cwd = relative(workspaceDir, command.cwd);
  if (cwd.startsWith('..') || isAbsolute(cwd)) throw new AppError('BAD_INPUT', `working directory ${command.cwd} is outside the workspace`);
  const toSandbox = (value: string): string =>
    value === workspaceDir ? sandboxWorkspacePath : value.startsWith(`${workspaceDir}/`) ? `${sandboxWorkspacePath}${value.slice(workspaceDir.length)}` : value;
  const argv = [command.command, ...(command.args ?? [])];
  const run = await options.sandbox.run({
    workspaceDir,
    workspaceMode: 'copy',
    command: argv.map((value) => quoteShellArg({ value: toSandbox(value) })).join(' '),
    cwd: cwd || '.',
    env: command.env,
    limits: { ...options.limits, wallTimeMs: command.timeoutMs ?? options.limits.wallTimeMs },
    readOnlyBinds: await findLinkedNodeModules({ sandbox: options.sandbox, workspaceDir }),
    ...options.collect,
  });
  return {
    run,
    commandResult: {
      command: argv.join(' '),
      exitCode: run.timedOut ? null : run.exitCode,
      output: run.chunks.map((chunk) => chunk.text).join(''),
      stdout: run.stdout,
      timedOut: run.timedOut,
      durationMs: run.wallTimeMs,
    },
  };
};
