import { isAppError } from '../errors/app-error.ts';
import type { FixerCommandResult } from '../workspace/create-sandboxed-fixer-runner.ts';
import { runCommand } from '../workspace/run-command.ts';
import type { FixContext } from './fixer.ts';

export type RunFixerToolOptions = {
  context: FixContext;
  command: string;
  args: string[];
  /** Workspace-relative files the tool may rewrite (listFixerCandidates). */
  mayChange: readonly string[];
  env?: Record<string, string>;
  /** Force the sandbox even for a tool outside the workspace (it runs repository code, e.g. cargo clippy). */
  runsRepositoryCode?: boolean;
};

export type FixerToolRun = {
  exitCode: number | null;
  output: string;
  stdout: string;
  note: string;
  /** Files brought back from the sandbox; null when the tool ran on the host. */
  changedFiles: string[] | null;
};

/**
 * Runs one fixer program. A program from the repository's own install (node_modules/.bin, .venv/bin) is
 * repository code and so is anything that loads its config as code: with a sandbox (production) it runs there
 * and only its edits to `mayChange` come back. Host tools that only parse files (gofmt, rustfmt) run on the host.
 */
export const runFixerTool = async (options: RunFixerToolOptions): Promise<FixerToolRun> => {
  const { context } = options;
  const dir = context.workspace.dir;
  const fromRepository = options.command.startsWith(`${dir}/`) || options.runsRepositoryCode === true;
  const command = { cwd: dir, command: options.command, args: options.args, timeoutMs: context.timeoutMs, env: { NO_COLOR: '1', ...options.env } };
  const display = [options.command, ...options.args].join(' ');
  let sandboxed: FixerCommandResult | null = null;
  if (context.runFixer && fromRepository) {
    try {
      sandboxed = await context.runFixer({ ...command, mayChange: options.mayChange });
    } catch (error) {
      // Too many files, a shared install the sandbox cannot reach: this fixer makes no change and the next is tried.
      // Never a fallback to the host.
      if (!isAppError(error)) throw error;
      return { exitCode: null, output: error.message, stdout: '', changedFiles: [], note: `${display} could not run in the sandbox: ${error.message}` };
    }
  }
  const result = sandboxed ?? (await runCommand(command));
  const where = sandboxed ? ' (sandboxed)' : '';
  const output = result.output.trim();
  return {
    exitCode: result.exitCode,
    output: result.output,
    stdout: result.stdout,
    changedFiles: sandboxed?.changedFiles ?? null,
    note: `${display}${where} -> exit ${String(result.exitCode)}${output ? `\n${output.slice(-2000)}` : ''}`,
  };
};
