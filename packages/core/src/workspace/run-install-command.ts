import { chmod, cp, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxEgressRequest } from '../egress/egress-types.ts';
import { quoteShellArg } from '../execution/quote-shell-arg.ts';
import type { Sandbox, SandboxLimits } from '../execution/sandbox-types.ts';
import { runCommand, type CommandResult } from './run-command.ts';

/** Where repository install scripts run: a sandbox with its own network namespace and egress policy. */
export type InstallIsolation = {
  sandbox: Sandbox;
  egress: SandboxEgressRequest | null;
  limits: SandboxLimits;
};

export type RunInstallCommandOptions = {
  dir: string;
  program: string;
  args: string[];
  timeoutMs: number;
  isolation?: InstallIsolation | null;
};

// The repository's own checkout metadata and build outputs never go into the sandbox.
const notStaged = new Set(['.git', 'node_modules']);

/**
 * Runs a package-manager install for `dir`. With isolation (production: the worker and the CLI), the install
 * runs in the sandbox on a staged copy of the directory, reaching only the egress policy's registries, and its
 * node_modules is moved back; repository and dependency scripts never run on the host or with its network.
 * Without isolation (tests building fixtures), it runs on the host with --ignore-scripts, so still no
 * repository code runs.
 */
export const runInstallCommand = async (options: RunInstallCommandOptions): Promise<CommandResult> => {
  const display = [options.program, ...options.args].join(' ');
  if (!options.isolation) {
    return runCommand({ cwd: options.dir, command: options.program, args: [...options.args, '--ignore-scripts'], timeoutMs: options.timeoutMs });
  }
  const { sandbox, egress, limits } = options.isolation;
  const scratch = await mkdtemp(join(tmpdir(), 'suture-install-'));
  try {
    // The sandbox's unprivileged uid must traverse to the staged copy.
    await chmod(scratch, 0o711);
    const staged = join(scratch, 'workspace');
    for (const entry of await readdir(options.dir)) {
      if (!notStaged.has(entry)) await cp(join(options.dir, entry), join(staged, entry), { recursive: true, verbatimSymlinks: true });
    }
    const command = [options.program, ...options.args].map((value) => quoteShellArg({ value })).join(' ');
    const result = await sandbox.run({ workspaceDir: staged, workspaceMode: 'in-place', command, egress, limits: { ...limits, wallTimeMs: options.timeoutMs } });
    if (result.exitCode === 0) {
      await rename(join(staged, 'node_modules'), join(options.dir, 'node_modules')).catch(async () => {
        await cp(join(staged, 'node_modules'), join(options.dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
      });
    }
    const output = result.chunks.map((chunk) => chunk.text).join('');
    return { command: display, exitCode: result.exitCode, output, stdout: result.stdout, timedOut: result.timedOut, durationMs: result.wallTimeMs };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};
