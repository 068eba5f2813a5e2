import { isAbsolute, relative } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { quoteShellArg } from '../execution/quote-shell-arg.ts';
import { sandboxWorkspacePath, type Sandbox, type SandboxLimits } from '../execution/sandbox-types.ts';
import { applyFixerChanges } from './apply-fixer-changes.ts';
import { findLinkedNodeModules } from './find-linked-node-modules.ts';
import type { CommandResult, RunCommandOptions } from './run-command.ts';
import { defaultFixerLimits, snapshotFixerCandidates, type FixerLimits } from './snapshot-fixer-candidates.ts';

export type FixerCommand = RunCommandOptions & {
  /** Workspace-relative files the command may rewrite; only changes to these come back. */
  mayChange: readonly string[];
};

export type FixerCommandResult = CommandResult & {
  /** Workspace-relative files brought back into the workspace. */
  changedFiles: string[];
};

/** Runs a fixer's command (prettier --write, eslint --fix, clippy --fix) so its edits land in the workspace. */
export type FixerCommandRunner = (command: FixerCommand) => Promise<FixerCommandResult>;

export type CreateSandboxedFixerRunnerOptions = {
  sandbox: Sandbox;
  workspaceDir: string;
  limits: SandboxLimits;
  fixerLimits?: FixerLimits;
};

/**
 * A fixer is repository code (prettier with its config and plugins, eslint.config.js, build.rs): it runs in the
 * sandbox like a validation check (no network, scrubbed environment, a throwaway copy of the workspace), and only
 * the listed files it changed are copied back, as regular files (see snapshotFixerCandidates, applyFixerChanges).
 * The workspace's .git is never writable by it, so the host's next git command runs no planted hook or fsmonitor.
 */
export const createSandboxedFixerRunner = (options: CreateSandboxedFixerRunnerOptions): FixerCommandRunner => {
  const fixerLimits = options.fixerLimits ?? defaultFixerLimits;
  const toSandbox = (value: string): string =>
    value === options.workspaceDir ? sandboxWorkspacePath : value.startsWith(`${options.workspaceDir}/`) ? `${sandboxWorkspacePath}${value.slice(options.workspaceDir.length)}` : value;
  return async (command) => {
    if (command.input !== undefined) throw new AppError('BAD_INPUT', 'a sandboxed command takes no standard input');
    const cwd = relative(options.workspaceDir, command.cwd);
    if (cwd.startsWith('..') || isAbsolute(cwd)) throw new AppError('BAD_INPUT', `working directory ${command.cwd} is outside the workspace`);
    const candidates = await snapshotFixerCandidates({ workspaceDir: options.workspaceDir, paths: command.mayChange, limits: fixerLimits });
    const argv = [command.command, ...(command.args ?? [])];
    const result = await options.sandbox.run({
      workspaceDir: options.workspaceDir,
      workspaceMode: 'copy',
      command: argv.map((value) => quoteShellArg({ value: toSandbox(value) })).join(' '),
      cwd: cwd || '.',
      env: command.env,
      limits: { ...options.limits, wallTimeMs: command.timeoutMs ?? options.limits.wallTimeMs },
      readOnlyBinds: await findLinkedNodeModules({ sandbox: options.sandbox, workspaceDir: options.workspaceDir }),
      collectPaths: [...candidates.keys()],
      collectLimits: { maxFiles: Math.max(1, candidates.size), maxFileBytes: fixerLimits.maxFileBytes },
    });
    // A run cut short may have left files half-written: nothing of it comes back.
    const changedFiles = result.timedOut || result.limitHit
      ? []
      : await applyFixerChanges({ workspaceDir: options.workspaceDir, candidates, collected: result.files, limits: fixerLimits });
    return {
      command: argv.join(' '),
      exitCode: result.timedOut ? null : result.exitCode,
      output: result.chunks.map((chunk) => chunk.text).join(''),
      stdout: result.stdout,
      timedOut: result.timedOut,
      durationMs: result.wallTimeMs,
      changedFiles,
    };
  };
};
