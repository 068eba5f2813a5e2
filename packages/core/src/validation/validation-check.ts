export type ValidationCheck = {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** `build`: the repository's own type-check/build; `rerun`: the CI step that failed, run again. */
  kind: 'build' | 'rerun';
};

export type CheckOutcome = {
  name: string;
  command: string;
  kind: ValidationCheck['kind'];
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The tail of the output, kept for the report and for feeding back to the next attempt. */
  output: string;
};

export type ValidationResult = { ok: boolean; checks: CheckOutcome[]; diagnostics: string };
