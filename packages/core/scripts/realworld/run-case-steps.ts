import { join } from 'node:path';
import { runCommand } from '../../src/workspace/run-command.ts';

/** A case's time budget: every command gets what is left of it, so one case can never run past its bound. */
export type Deadline = { at: number };
export class CaseTimeout extends Error {}

const remaining = (deadline: Deadline): number => {
  const left = deadline.at - Date.now();
  if (left <= 0) throw new CaseTimeout('the case ran out of time');
  return left;
};

const git = async (options: { args: string[]; cwd?: string; deadline: Deadline; input?: string }): Promise<string> => {
  const result = await runCommand({
    cwd: options.cwd ?? '/',
    command: 'git',
    args: options.args,
    timeoutMs: remaining(options.deadline),
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  if (result.timedOut) throw new CaseTimeout(`git ${options.args[0] ?? ''} ran out of time`);
  if (result.exitCode !== 0) throw new Error(`git ${options.args.join(' ')} failed: ${result.output.trim().slice(-500)}`);
  return result.stdout;
};

/** A working tree at one commit, cloned from the local mirror (no network), with no remote pointing back at it. */
export const checkoutCommit = async (options: { gitDir: string; sha: string; into: string; deadline: Deadline }): Promise<void> => {
  await git({ args: ['clone', '--quiet', '--no-checkout', options.gitDir, options.into], deadline: options.deadline });
  await git({ cwd: options.into, args: ['checkout', '--quiet', '--detach', options.sha], deadline: options.deadline });
  await git({ cwd: options.into, args: ['remote', 'remove', 'origin'], deadline: options.deadline });
};

export const applyPatch = async (options: { dir: string; diff: string; deadline: Deadline }): Promise<void> => {
  await git({ cwd: options.dir, args: ['apply', '--whitespace=nowarn', '-'], input: options.diff, deadline: options.deadline });
};

export const showFile = async (options: { gitDir: string; sha: string; path: string; deadline: Deadline }): Promise<string | null> =>
  git({ args: ['--git-dir', options.gitDir, 'show', `${options.sha}:${options.path}`], deadline: options.deadline }).catch((error: unknown) => {
    if (error instanceof CaseTimeout) throw error;
    return null;
  });

export const changedFiles = async (options: { gitDir: string; from: string; to: string; deadline: Deadline }): Promise<string[]> =>
  (await git({ args: ['--git-dir', options.gitDir, 'diff', '--name-only', options.from, options.to], deadline: options.deadline }))
    .split('\n')
    .filter((line) => line.length > 0);

export type StepsResult = {
  /** The setup steps and the command, framed as a GitHub Actions log frames its steps. */
  log: string;
  setupFailed: string | null;
  commandPassed: boolean;
};

/**
 * Runs the setup steps, then the command, in `<dir>/<subdir>`, the way a CI job does: each step's output in
 * arrival order (stdout and stderr interleaved) under a `Run <command>` group, and the exit-code line CI prints.
 */
export const runCaseSteps = async (options: {
  dir: string;
  subdir: string;
  setup: readonly string[];
  command: string;
  deadline: Deadline;
}): Promise<StepsResult> => {
  const cwd = join(options.dir, options.subdir);
  const lines: string[] = [];
  const step = async (command: string): Promise<boolean> => {
    lines.push(`##[group]Run ${command}`, command, '##[endgroup]');
    const result = await runCommand({ cwd, command: 'bash', args: ['-e', '-c', command], timeoutMs: remaining(options.deadline) });
    lines.push(result.output.replace(/\n$/, ''));
    if (result.timedOut) throw new CaseTimeout(`${command} ran out of time`);
    if (result.exitCode !== 0) lines.push(`##[error]Process completed with exit code ${String(result.exitCode)}.`);
    return result.exitCode === 0;
  };
  for (const command of options.setup)
    if (!(await step(command))) return { log: `${lines.join('\n')}\n`, setupFailed: command, commandPassed: false };
  const commandPassed = await step(options.command);
  return { log: `${lines.join('\n')}\n`, setupFailed: null, commandPassed };
};
