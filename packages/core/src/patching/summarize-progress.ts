import { describeSignatures } from '../validation/compare-with-baseline.ts';
import type { ValidationResult } from '../validation/validation-check.ts';
import type { Attempt, AttemptProgress } from './attempt.ts';
import type { FixProgress } from './fix-report.ts';

/** The attempt's effect on the errors of the check that failed it: the failing CI step's when it ran. */
export const attemptProgress = (validation: ValidationResult | null): AttemptProgress | undefined => {
  if (!validation || validation.ok) return undefined;
  const compared = validation.checks.filter((check) => !check.accepted && check.baseline && !check.baseline.ok);
  const check = compared.find((candidate) => candidate.kind === 'rerun') ?? compared.at(-1);
  if (!check?.baseline) return undefined;
  const { resolved, remaining, introduced } = check.baseline;
  return { check: check.name, resolved, remaining, introduced };
};

/**
 * The partial fix worth reporting when nothing passed: the attempt that resolved the most errors while adding
 * none (the first of equals, so the choice is stable), or null when no attempt resolved anything.
 */
export const summarizeProgress = (options: { attempts: readonly Attempt[] }): FixProgress | null => {
  let best: Attempt | null = null;
  for (const attempt of options.attempts) {
    const progress = attempt.progress;
    if (!progress || progress.resolved.length === 0 || progress.introduced.length > 0 || attempt.diff === '')
      continue;
    if (!best?.progress || progress.resolved.length > best.progress.resolved.length) best = attempt;
  }
  if (!best?.progress) return null;
  return {
    attempt: best.number,
    fixer: best.fixer,
    check: best.progress.check,
    fixed: best.progress.resolved,
    remaining: best.progress.remaining,
    introduced: best.progress.introduced,
    diff: best.diff,
  };
};

/** One sentence on a partial fix, for the report's reason. */
export const describeProgress = (progress: FixProgress): string =>
  ` Attempt #${progress.attempt} (${progress.fixer}) fixed ${progress.fixed.length} of ${
    progress.fixed.length + progress.remaining.length
  } error(s) of "${progress.check}" (${describeSignatures(progress.fixed)}); still failing: ${describeSignatures(
    progress.remaining,
  )}. That partial patch is in progress.diff and is not applied.`;

/** The baseline statements of every attempt, once each, in order. */
export const collectBaselineNotes = (options: { attempts: readonly Attempt[] }): string[] => [
  ...new Set(
    options.attempts.flatMap((attempt) =>
      (attempt.validation?.notes ?? []).filter((note) => note.includes('already failed before the patch (')),
    ),
  ),
];
