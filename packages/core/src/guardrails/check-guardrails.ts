import type { FailureCategory } from '../diagnosis/diagnosis-result.ts';
import { analyzeChange } from './analyze-change.ts';
import type { FileChange, GuardrailFinding, GuardrailRule } from './guardrail-finding.ts';
import { detectCiWeakening } from './rules/detect-ci-weakening.ts';
import { detectDeletedTests } from './rules/detect-deleted-tests.ts';
import { detectIgnorePragmas } from './rules/detect-ignore-pragmas.ts';
import { detectOutsideArea } from './rules/detect-outside-area.ts';
import { detectProtectedPaths } from './rules/detect-protected-paths.ts';
import { detectRaisedLimits } from './rules/detect-raised-limits.ts';
import { detectSkippedTests } from './rules/detect-skipped-tests.ts';
import { detectSwallowedErrors } from './rules/detect-swallowed-errors.ts';
import { detectWeakenedAssertions } from './rules/detect-weakened-assertions.ts';
import { detectWeakenedCheckerConfig } from './rules/detect-weakened-checker-config.ts';

const rules: GuardrailRule[] = [
  detectDeletedTests,
  detectSkippedTests,
  detectWeakenedAssertions,
  detectIgnorePragmas,
  detectCiWeakening,
  detectRaisedLimits,
  detectProtectedPaths,
  detectWeakenedCheckerConfig,
  detectSwallowedErrors,
  detectOutsideArea,
];

export type GuardrailReport = { findings: GuardrailFinding[]; blocked: boolean };

/**
 * Runs every rule over a patch given as before/after file contents. Pure: no I/O, so it can run on a
 * proposed patch before anything is written, and in a Temporal activity without a workspace.
 */
export const checkGuardrails = (options: {
  changes: readonly FileChange[];
  category: FailureCategory;
  diagnosedFiles?: readonly string[];
}): GuardrailReport => {
  const context = {
    changes: options.changes.map((change) => analyzeChange({ change })),
    category: options.category,
    diagnosedFiles: [...(options.diagnosedFiles ?? [])],
  };
  const seen = new Set<string>();
  const findings = rules
    .flatMap((rule) => rule(context))
    .filter((finding) => {
      const key = `${finding.rule}:${finding.file}:${String(finding.line)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { findings, blocked: findings.some((finding) => finding.severity === 'block') };
};
