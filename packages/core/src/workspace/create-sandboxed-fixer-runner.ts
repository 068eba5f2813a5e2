import type { Sandbox, SandboxLimits } from '../execution/sandbox-types.ts';
import { applyFixerChanges } from './apply-fixer-changes.ts';
import type { CommandResult, RunCommandOptions } from './run-command.ts';
import { runSandboxedCommand } from './run-sandboxed-command.ts';
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
  return async (command) => {
    const candidates = await snapshotFixerCandidates({ workspaceDir: options.workspaceDir, paths: command.mayChange, limits: fixerLimits });
    const { commandResult, run } = await runSandboxedCommand({
      sandbox: options.sandbox,
      workspaceDir: options.workspaceDir,
      limits: options.limits,
      command,
      collect: {
        collectPaths: [...candidates.keys()],
        collectLimits: { maxFiles: Math.max(1, candidates.size), maxFileBytes: fixerLimits.maxFileBytes },
      },
    });
    // A run cut short may have left files half-written: nothing of it comes back.
    const changedFiles = run.timedOut || run.limitHit
      ? []
      : await applyFixerChanges({ workspaceDir: options.workspaceDir, candidates, collected: run.files, limits: fixerLimits });
    return { ...commandResult, changedFiles };
  };
};
