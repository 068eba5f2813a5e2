// Runs the offline analysis once per log and keeps what the line ranker needs: candidate regions, their
// feature rows and the gold label of every row. Cross-validation then retrains on these without re-analysing.
import { analyzeLog } from '../../src/diagnosis/analyze-log.ts';
import type { StepInfo } from '../../src/diagnosis/create-step-tracker.ts';
import { extractLineFeatures } from '../../src/diagnosis/line-features.ts';
import type { CandidateLine } from '../../src/diagnosis/line-features.ts';
import { CANDIDATE_REGIONS } from '../../src/diagnosis/pick-evidence-lines.ts';
import { pickEvidence } from '../../src/diagnosis/pick-evidence.ts';
import { rankRegions } from '../../src/diagnosis/rank-regions.ts';
import type { RankedRegion } from '../../src/diagnosis/rank-regions.ts';
import type { LoadedCase, Range } from './load-corpora.ts';

export type CaseCandidates = {
  item: LoadedCase;
  candidates: RankedRegion[];
  failingStep: StepInfo | null;
  totalLines: number;
  rows: CandidateLine[];
  /** 1 when the row's line is inside a gold range. */
  targets: number[];
};

export const inRanges = (line: number, ranges: readonly Range[]): boolean => ranges.some((range) => range.start <= line && line <= range.end);

export const collectCandidates = (item: LoadedCase): CaseCandidates => {
  const { analysis } = analyzeLog({ text: item.text });
  const ranked = rankRegions({ regions: analysis.regions, steps: analysis.steps, failingStep: analysis.failingStep, totalLines: analysis.totalLines });
  const candidates = pickEvidence({ ranked, limit: CANDIDATE_REGIONS });
  const rows = extractLineFeatures({ regions: candidates, failingStep: analysis.failingStep, totalLines: analysis.totalLines });
  // The text is no longer needed and the corpora are large: keep memory flat across folds.
  return {
    item: { ...item, text: '' }, candidates, failingStep: analysis.failingStep, totalLines: analysis.totalLines, rows,
    targets: rows.map((row) => (inRanges(row.line, item.labels) ? 1 : 0)),
  };
};
