import type { ErrorSignature } from './extract-error-signatures.ts';

export type ValidationCheck = {
  name: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** `build`: the repository's own type-check/build; `rerun`: the CI step that failed, run again. */
  kind: 'build' | 'rerun';
  /** Repository-relative directory to run in (a project in a subfolder); absent: the repository root. */
  cwd?: string;
};

/** The same check on the unpatched tree, and how the patch's errors compare with its errors. */
export type CheckBaseline = {
  ok: boolean;
  exitCode: number | null;
  timedOut: boolean;
  /** The errors the unpatched tree already had (signatures: file, code and message, no line numbers). */
  errors: ErrorSignature[];
  /** Baseline errors the patch made go away. */
  resolved: ErrorSignature[];
  /** Baseline errors still there with the patch. */
  remaining: ErrorSignature[];
  /** Errors only the patched tree has: the patch made the check worse. */
  introduced: ErrorSignature[];
};

export type CheckOutcome = {
  name: string;
  command: string;
  kind: ValidationCheck['kind'];
  /** The check's own verdict: it exited 0 in time. */
  ok: boolean;
  /**
   * Whether the check counts as passed for this patch: `ok`, or a type-check/build that already failed the
   * same way before the patch (see `baseline`), while the failing CI step itself is re-run and must pass.
   */
  accepted: boolean;
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  /** The tail of the output, kept for the report and for feeding back to the next attempt. */
  output: string;
  /** Present when the check failed: the same check on the unpatched tree (run once per check, cached). */
  baseline?: CheckBaseline;
};

export type ValidationResult = {
  ok: boolean;
  checks: CheckOutcome[];
  diagnostics: string;
  /** Plain statements about the baseline, e.g. "type-check (tsc) already failed before the patch (...)". */
  notes: string[];
};
