import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';
import type { GuardrailFinding } from '../guardrails/guardrail-finding.ts';
import type { RiskScore } from '../risk/score-risk.ts';
import type { InstallReport } from '../workspace/install-dependencies.ts';
import type { Tooling } from '../workspace/tooling.ts';
import type { Attempt } from './attempt.ts';

export type FixOutcome = 'fixed' | 'refused' | 'failed';

export type FixReport = {
  outcome: FixOutcome;
  /** Why the outcome is what it is, in one sentence. */
  reason: string;
  /** Unified diff, `a/` and `b/` paths relative to the repository root; the refused patch when refused. */
  diff: string;
  files: string[];
  risk: RiskScore;
  guardrails: GuardrailFinding[];
  attempts: Attempt[];
  diagnosis: DiagnosisResult;
  tooling: Tooling | null;
  install: InstallReport | null;
  applied: boolean;
  durationMs: number;
  /**
   * Partial progress when no attempt passed: the attempt that fixed the most errors without adding any, what
   * it fixed and what is left. Its diff is shown, never applied. Null when nothing was partly fixed.
   */
  progress: FixProgress | null;
  /** What validation found already broken before any patch (e.g. a type-check failing on an unrelated file). */
  baselineNotes: string[];
};

export type FixProgress = {
  attempt: number;
  fixer: string;
  /** The check the errors were compared on (the failing CI step when it could be re-run). */
  check: string;
  fixed: string[];
  remaining: string[];
  /** Signatures of the errors the partial patch added (none: a partial patch that adds errors is not chosen). */
  introduced: string[];
  diff: string;
};
