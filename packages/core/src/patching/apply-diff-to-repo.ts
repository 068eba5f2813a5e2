import { AppError } from '../errors/app-error.ts';
import { runCommand } from '../workspace/run-command.ts';

/**
 * Applies a unified diff to the user's working tree with `git apply`, checking first so a patch that no
 * longer fits (the tree moved on) changes nothing at all.
 */
export const applyDiffToRepo = async (options: { repoDir: string; diff: string }): Promise<void> => {
  const check = await runCommand({
    cwd: options.repoDir,
    command: 'git',
    args: ['apply', '--check', '--whitespace=nowarn', '-'],
    input: options.diff,
    timeoutMs: 60_000,
  });
  if (check.exitCode !== 0)
    throw new AppError(
      'CONFLICT',
      `The patch no longer applies to ${options.repoDir}: ${check.output.trim()}`,
    );
  const result = await runCommand({
    cwd: options.repoDir,
    command: 'git',
    args: ['apply', '--whitespace=nowarn', '-'],
    input: options.diff,
    timeoutMs: 60_000,
  });
  if (result.exitCode !== 0) throw new AppError('INTERNAL', `git apply failed: ${result.output.trim()}`);
};
