import type { FailureCategory } from '../diagnosis-result.ts';

/**
 * One recognizer for a kind of CI output line.
 * - `cause`: the line states why something failed (a compiler diagnostic, an assertion, a missing package).
 * - `header`: the line opens a failure report whose detail follows (a failing test's title).
 * - `summary`: the line reports THAT something failed (exit codes, "BUILD FAILURE"); a fallback, not a cause.
 * - `noise`: looks alarming but is not a failure ("0 errors", "-Werror"); its weight is negative.
 */
export type LineRule = {
  id: string;
  /** Lower-case substring(s), one of which every matching line contains: a cheap filter before the regex runs. */
  trigger: string | readonly string[];
  pattern: RegExp;
  weight: number;
  role: 'cause' | 'header' | 'summary' | 'noise';
  category?: FailureCategory;
  /** Real-shaped lines the rule must match; the rule tests check them. */
  examples: string[];
};
