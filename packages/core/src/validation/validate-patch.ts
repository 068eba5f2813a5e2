import { join } from 'node:path';
import type { CommandRunner } from '../workspace/create-sandboxed-runner.ts';
import { runCommand, type CommandResult } from '../workspace/run-command.ts';
import { compareWithBaseline, describeSignatures } from './compare-with-baseline.ts';
import type { CheckOutcome, ValidationCheck, ValidationResult } from './validation-check.ts';

const TAIL = 6000;

const relativize = (text: string, dir: string): string => text.replaceAll(`${dir}/`, '').replaceAll(dir, '.');

/**
 * Runs each check in the workspace with a time limit, stopping at the first failure (later checks would
 * mostly repeat it). A failed check is compared with the same check on the unpatched tree (`baseline`): a
 * type-check or build that already failed, and fails no worse with the patch, is not the patch's fault and
 * does not fail it, as long as the failing CI step is among the checks (it must pass outright). The failed
 * checks' output is returned as diagnostics for the next attempt.
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
  /** The same check on the unpatched tree (see runBaselineCheck); absent: every failure fails the patch. */
  baseline?: (check: ValidationCheck) => Promise<CommandResult>;
}): Promise<ValidationResult> => {
  const outcomes: CheckOutcome[] = [];
  const notes: string[] = [];
  const run = options.run ?? runCommand;
  // Without the failing step itself, the type-check is the only proof: it must pass whatever it did before.
  const tolerant = options.checks.some((check) => check.kind === 'rerun');
  for (const check of options.checks) {
    const result = await run({
      cwd: check.cwd ? join(options.dir, check.cwd) : options.dir,
      command: check.command,
      args: check.args,
      env: check.env,
      timeoutMs: options.timeoutMs ?? 300_000,
    });
    const ok = result.exitCode === 0 && !result.timedOut;
    const outcome: CheckOutcome = {
      name: check.name,
      command: [check.command, ...check.args].join(' '),
      kind: check.kind,
      ok,
      accepted: ok,
      exitCode: result.exitCode,
      timedOut: result.timedOut,
      durationMs: result.durationMs,
      output: relativize(result.output, options.dir).slice(-TAIL),
    };
    if (!ok && options.baseline) {
      const before = await options.baseline(check);
      const baseline = compareWithBaseline({ dir: options.dir, patched: result, baseline: before });
      outcome.baseline = baseline;
      const sameFailure =
        !baseline.ok && baseline.introduced.length === 0 && (!result.timedOut || baseline.timedOut);
      if (sameFailure && check.kind === 'build' && tolerant) {
        outcome.accepted = true;
        notes.push(
          `${check.name} already failed before the patch (${describeSignatures(baseline.errors)}); not caused by it.`,
        );
      } else if (baseline.ok) {
        notes.push(`${check.name} passed before the patch and fails with it: the patch broke it.`);
      } else if (baseline.introduced.length > 0) {
        notes.push(
          `${check.name} already failed before the patch, but the patch adds errors: ${describeSignatures(baseline.introduced)}.`,
        );
      } else if (check.kind === 'rerun') {
        notes.push(
          `${check.name} still fails: ${baseline.resolved.length} of ${baseline.errors.length} error(s) fixed, remaining: ${describeSignatures(baseline.remaining)}.`,
        );
      }
    }
    outcomes.push(outcome);
    if (!outcome.accepted) break;
  }
  const failed = outcomes.filter((outcome) => !outcome.accepted);
  const diagnostics = failed
    .map((outcome) => `$ ${outcome.command}\n${outcome.timedOut ? '(timed out)\n' : ''}${outcome.output}`)
    .join('\n\n');
  return { ok: failed.length === 0 && outcomes.length > 0, checks: outcomes, diagnostics, notes };
};
