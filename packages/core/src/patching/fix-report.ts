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
};
