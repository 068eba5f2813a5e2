import type { GuardrailFinding } from '../guardrails/guardrail-finding.ts';
import type { ValidationResult } from '../validation/validation-check.ts';
import type { Strategy } from './fixer.ts';

/** One try at a fix, kept or rolled back, with everything needed to explain it afterwards. */
export type Attempt = {
  number: number;
  fixer: string;
  strategy: Strategy;
  diff: string;
  files: string[];
  notes: string[];
  validation: ValidationResult | null;
  guardrails: GuardrailFinding[];
  kept: boolean;
  durationMs: number;
  /**
   * What the attempt did to the errors of the check it failed (the failing CI step when it was re-run), against
   * the same check on the unpatched tree; absent when validation passed or never ran.
   */
  progress?: AttemptProgress;
};

export type AttemptProgress = {
  check: string;
  resolved: string[];
  remaining: string[];
  introduced: string[];
};
