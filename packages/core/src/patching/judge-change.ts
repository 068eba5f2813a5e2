// The one verdict every candidate change gets, whoever made it (offline fixer or LLM): guardrails first,
// since a weakening change must never count as valid, then the repository's own validation.
import { checkGuardrails } from '../guardrails/check-guardrails.ts';
import { readFileChanges } from '../guardrails/read-file-changes.ts';
import { planValidation } from '../validation/plan-validation.ts';
import { runBaselineCheck } from '../validation/run-baseline-check.ts';
import { validatePatch } from '../validation/validate-patch.ts';
import type { ValidationResult } from '../validation/validation-check.ts';
import type { Attempt } from './attempt.ts';
import type { FixContext } from './fixer.ts';

export type ChangeVerdict = {
  keep: boolean;
  result: { validation: ValidationResult | null; findings: Attempt['guardrails'] };
};

export const judgeChange = async (options: {
  context: FixContext;
  change: { diff: string; files: string[] };
  stepEnv?: Record<string, string> | undefined;
}): Promise<ChangeVerdict> => {
  const { context, change } = options;
  if (change.diff.length === 0) return { keep: false, result: { validation: null, findings: [] } };
  const changes = await readFileChanges({ workspace: context.workspace, files: change.files });
  const guardrails = checkGuardrails({
    changes,
    category: context.diagnosis.category,
    diagnosedFiles: context.files,
  });
  if (guardrails.blocked) return { keep: false, result: { validation: null, findings: guardrails.findings } };
  const checks = planValidation({
    tooling: context.tooling,
    diagnosis: context.diagnosis,
    changedFiles: change.files,
    ...(options.stepEnv ? { stepEnv: options.stepEnv } : {}),
  });
  const validation = await validatePatch({
    dir: context.workspace.dir,
    checks,
    timeoutMs: context.timeoutMs,
    ...(context.run ? { run: context.run } : {}),
    // A check that fails is run once more on the unpatched tree, so failures already there are not blamed on the patch.
    baseline: async (check) =>
      runBaselineCheck({
        workspace: context.workspace,
        check,
        changedFiles: change.files,
        timeoutMs: context.timeoutMs,
        ...(context.run ? { run: context.run } : {}),
      }),
  });
  return { keep: validation.ok, result: { validation, findings: guardrails.findings } };
};
