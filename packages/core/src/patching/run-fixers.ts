import type { ValidationResult } from '../validation/validation-check.ts';
import { applyTransaction } from '../workspace/apply-transaction.ts';
import type { Attempt } from './attempt.ts';
import type { FixContext } from './fixer.ts';
import { judgeChange } from './judge-change.ts';
import type { SelectedFixer } from './select-fixers.ts';

/**
 * Tries each fixer in its own transaction: run it, check guardrails, validate; keep the first change that
 * passes both, roll back everything else. Returns every attempt, kept or not.
 */
export const runFixers = async (options: {
  context: FixContext;
  fixers: readonly SelectedFixer[];
  stepEnv?: Record<string, string>;
  firstAttemptNumber?: number;
}): Promise<Attempt[]> => {
  const { context } = options;
  const attempts: Attempt[] = [];
  for (const fixer of options.fixers) {
    const started = Date.now();
    let notes: string[] = [];
    const transaction = await applyTransaction<{
      validation: ValidationResult | null;
      findings: Attempt['guardrails'];
    }>({
      workspace: context.workspace,
      label: `suture: ${fixer.id}`,
      apply: async () => {
        notes = (await fixer.run(context)).notes;
      },
      decide: (change) => judgeChange({ context, change, stepEnv: options.stepEnv }),
    });
    attempts.push({
      number: (options.firstAttemptNumber ?? 1) + attempts.length,
      fixer: fixer.id,
      strategy: fixer.strategy,
      diff: transaction.diff,
      files: transaction.files,
      notes,
      validation: transaction.result.validation,
      guardrails: transaction.result.findings,
      kept: transaction.kept,
      durationMs: Date.now() - started,
    });
    if (transaction.kept) break;
  }
  return attempts;
};
