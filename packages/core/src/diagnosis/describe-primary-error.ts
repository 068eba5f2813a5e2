import type { LogAnalysis } from './create-log-analyzer.ts';
import type { FailureCategory } from './diagnosis-result.ts';
import { pickPrimaryError } from './pick-primary-error.ts';
import type { CompilerError } from './pick-primary-error.ts';

export type PrimaryErrorDescription = {
  primary: CompilerError;
  /** Lines of a cascade's secondary errors, which the root cause counts in one sentence instead of quoting. */
  secondaryLines: Set<number>;
  /** "12 further errors (TS7006 ×10, TS2339 ×2) follow from it", or null when there are none. */
  further: string | null;
  /** Error codes, primary first, then the secondary ones by count (none for Python). */
  codes: string[];
};

// Where a compiler's first error explains the rest; a test run's headline is its failing test, not a compiler line.
const compilerCategories = new Set<FailureCategory>(['compile_error', 'type_error', 'lint_error', 'build_config', 'dependency_install', 'docker_build', 'unknown']);

/** The primary compiler error among the failing step's candidate lines, worded for the summary and root cause. */
export const describePrimaryError = (options: { analysis: LogAnalysis; category: FailureCategory }): PrimaryErrorDescription | null => {
  if (!compilerCategories.has(options.category)) return null;
  const step = options.analysis.failingStep;
  const seen = new Map<number, string>();
  for (const region of options.analysis.regions) {
    if (step && region.step !== step.index) continue;
    for (const entry of region.lines) seen.set(entry.line, entry.text);
  }
  const lines = [...seen].sort((a, b) => a[0] - b[0]).map(([line, text]) => ({ line, text }));
  const picked = pickPrimaryError({ lines });
  if (!picked) return null;
  const counts = new Map<string, number>();
  for (const error of picked.secondary) if (error.code) counts.set(error.code, (counts.get(error.code) ?? 0) + 1);
  const byCount = [...counts].sort((a, b) => b[1] - a[1]);
  const n = picked.secondary.length;
  const breakdown = byCount.length > 0 ? ` (${byCount.map(([code, count]) => `${code} ×${count}`).join(', ')})` : '';
  const noun = picked.primary.tool === 'python' ? 'exception' : 'error';
  const further = n === 0 ? null : `${n} further ${noun}${n === 1 ? '' : 's'}${breakdown}${picked.cascade ? ` follow${n === 1 ? 's' : ''} from it` : ''}`;
  // Exception class names are not error codes: errorCodes keeps to what compilers number.
  const codes = picked.primary.tool === 'python' ? [] : [...new Set([...(picked.primary.code ? [picked.primary.code] : []), ...byCount.map(([code]) => code)])];
  const secondaryLines = new Set(picked.cascade ? picked.secondary.map((error) => error.line) : []);
  return { primary: picked.primary, secondaryLines, further, codes };
};
