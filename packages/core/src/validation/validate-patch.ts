import type { CommandRunner } from '../workspace/create-sandboxed-runner.ts';
import { runCommand } from '../workspace/run-command.ts';
import type { CheckOutcome, ValidationCheck, ValidationResult } from './validation-check.ts';

const TAIL = 6000;

/**
 * Runs each check in the workspace with a time limit, stopping at the first failure (later checks would
 * mostly repeat it). The failed checks' output is returned as diagnostics for the next attempt.
 */
export const validatePatch = async (options: {
  dir: string;
  checks: readonly ValidationCheck[];
  timeoutMs?: number;
  /**
   * Where the checks run. They are repository code (its scripts, its build.rs, the failing CI step): production
   * passes createSandboxedRunner; the default, the host, is for tests on our own fixtures.
   */
  run?: CommandRunner;
}): Promise<ValidationResult> => {
  const outcomes: CheckOutcome[] = [];
  const run = options.run ?? runCommand;
  for (const check of options.checks) {
    const result = await run({
      cwd: options.dir,
      command: check.command,
      args: check.args,
      env: check.env,
      timeoutMs: options.timeoutMs ?? 300_000,
    });
    const ok = result.exitCode === 0 && !result.timedOut;
    outcomes.push({
      name: check.name,
      command: [check.command, ...check.args].join(' '),
      kind: check.kind,
      ok,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      durationMs: result.durationMs,
      output: result.output.slice(-TAIL),
    });
    if (!ok) break;
  }
  const failed = outcomes.filter((outcome) => !outcome.ok);
  const diagnostics = failed
    .map((outcome) => `$ ${outcome.command}\n${outcome.timedOut ? '(timed out)\n' : ''}${outcome.output}`)
    .join('\n\n');
  return { ok: failed.length === 0 && outcomes.length > 0, checks: outcomes, diagnostics };
};
