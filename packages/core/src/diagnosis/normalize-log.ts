import { createLineNormalizer } from './create-line-normalizer.ts';
import { createStepTracker } from './create-step-tracker.ts';
import type { StepInfo } from './create-step-tracker.ts';
import type { LogFormat, NormalizedLine } from './normalized-line.ts';

export type NormalizedLog = {
  format: LogFormat;
  /** Readable lines only (CI markers and blank lines dropped); `line` maps each back to the original file. */
  lines: NormalizedLine[];
  steps: StepInfo[];
  failingStep: StepInfo | null;
};

/**
 * Normalizes a whole GitHub Actions, Travis, GitLab or plain log held in memory: strips timestamps, ANSI codes,
 * BOM, CI markers and overwritten progress, splits it into steps and finds the failing step and its exit code.
 * The streaming analyzer does the same line by line; this is the inspectable, whole-log form.
 */
export const normalizeLog = (options: { text: string }): NormalizedLog => {
  const normalizer = createLineNormalizer();
  const tracker = createStepTracker();
  const lines: NormalizedLine[] = [];
  const raw = options.text.split('\n');
  raw.forEach((text, index) => {
    const line = normalizer.normalize(text, index + 1);
    tracker.observe(line);
    if (line.text.trim() !== '') lines.push(line);
  });
  tracker.finish({ totalLines: raw.length, format: normalizer.format() });
  return { format: normalizer.format(), lines, steps: tracker.steps(), failingStep: tracker.failingStep() };
};
