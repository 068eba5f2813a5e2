import type { FailureCategory } from './diagnosis-result.ts';
import type { LineScore } from './score-line.ts';

export type RegionLine = { line: number; text: string; score: LineScore | null };

/** A run of nearby failure-looking lines: one candidate answer to "where did it break?". */
export type CandidateRegion = {
  kind: 'signal' | 'step_tail' | 'log_tail';
  start: number;
  end: number;
  step: number;
  /** Score from the lines alone, before step context is known. */
  base: number;
  best: { line: number; text: string; score: LineScore } | null;
  votes: Partial<Record<FailureCategory, number>>;
  lines: RegionLine[];
};
