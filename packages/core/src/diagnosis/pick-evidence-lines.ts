import type { StepInfo } from './create-step-tracker.ts';
import { MAX_EVIDENCE_RANGE_LINES } from './diagnosis-result.ts';
import type { EvidenceRange, LineRange } from './diagnosis-result.ts';
import { extractLineFeatures } from './line-features.ts';
import { scoreLineFeatures } from './line-ranker-model.ts';
import type { LineRankerModel } from './line-ranker-model.ts';
import type { RankedRegion } from './rank-regions.ts';

export const MAX_EVIDENCE_LINES = MAX_EVIDENCE_RANGE_LINES;
/** Regions the line model chooses among: more than the three it returns, so it can promote a lower-ranked one. */
export const CANDIDATE_REGIONS = 5;
const CONTEXT_AROUND = 12;
const CONTEXT_MIN = 3;

export type PickedEvidence = { evidence: EvidenceRange[]; context: LineRange[]; regions: RankedRegion[] };
export type ScoredLine = { line: number; p: number };
type Scored = ScoredLine;
type Window = { range: EvidenceRange; peak: number; region: RankedRegion; order: number };

/**
 * The tightest run of lines (at most MAX_EVIDENCE_LINES long) around the likeliest line that gathers the most
 * probability above the threshold. Lines the analyzer did not store count as zero.
 */
const bestWindow = (lines: readonly Scored[], threshold: number): { range: EvidenceRange; peak: number } | null => {
  let peakLine: Scored | null = null;
  for (const entry of lines) if (!peakLine || entry.p > peakLine.p) peakLine = entry;
  if (!peakLine) return null;
  let best = { start: peakLine.line, end: peakLine.line, gain: peakLine.p - threshold };
  for (let a = 0; a < lines.length; a++) {
    const first = lines[a] as Scored;
    let gain = 0;
    for (let b = a; b < lines.length; b++) {
      const last = lines[b] as Scored;
      if (last.line - first.line + 1 > MAX_EVIDENCE_LINES) break;
      gain += last.p - threshold;
      // The likeliest line is always quoted: the range grows around it, never away from it.
      if (first.line > peakLine.line || last.line < peakLine.line) continue;
      // Ties go to the shorter range: a reader should not scan lines that add nothing.
      if (gain > best.gain + 1e-9 || (Math.abs(gain - best.gain) <= 1e-9 && last.line - first.line < best.end - best.start)) {
        best = { start: first.line, end: last.line, gain };
      }
    }
  }
  return { range: { start: best.start, end: best.end }, peak: peakLine.p };
};

/** The display range around one evidence range: its region, at most CONTEXT_AROUND lines either side, never less than CONTEXT_MIN. */
export const contextOf = (options: { evidence: EvidenceRange; region?: { start: number; end: number }; totalLines: number }): LineRange => {
  const { evidence, region, totalLines } = options;
  const from = Math.min(evidence.start - CONTEXT_MIN, Math.max(region?.start ?? evidence.start, evidence.start - CONTEXT_AROUND));
  const to = Math.max(evidence.end + CONTEXT_MIN, Math.min(region?.end ?? evidence.end, evidence.end + CONTEXT_AROUND));
  return { start: Math.max(1, from), end: Math.max(evidence.end, Math.min(Math.max(1, totalLines), to)) };
};

/** The line model's probability for every stored line of each candidate region (one list per region, in log order). */
export const scoreCandidateLines = (options: {
  candidates: readonly RankedRegion[];
  failingStep: StepInfo | null;
  totalLines: number;
  model: LineRankerModel;
}): ScoredLine[][] => {
  const rows = extractLineFeatures({ regions: options.candidates, failingStep: options.failingStep, totalLines: options.totalLines });
  const byRegion = options.candidates.map((): ScoredLine[] => []);
  for (const row of rows) byRegion[row.region]?.push({ line: row.line, p: scoreLineFeatures(options.model, row.features) });
  return byRegion;
};

/** Cuts each candidate region down to its best short window and orders the windows by their likeliest line. */
export const chooseEvidence = (options: {
  candidates: readonly RankedRegion[];
  scored: readonly (readonly ScoredLine[])[];
  threshold: number;
  totalLines: number;
  limit?: number;
}): PickedEvidence => {
  const { candidates, totalLines } = options;
  const windows: Window[] = [];
  candidates.forEach((region, order) => {
    const window = bestWindow(options.scored[order] ?? [], options.threshold);
    if (window) windows.push({ ...window, region, order });
  });
  const chosen = windows.slice(0, options.limit ?? 3);
  return {
    evidence: chosen.map((window) => window.range),
    context: chosen.map((window) => contextOf({ evidence: window.range, region: window.region, totalLines })),
    regions: chosen.map((window) => window.region),
  };
};

/** The evidence of the heuristic engine: candidate regions scored line by line by the shipped line model. */
export const pickEvidenceLines = (options: {
  candidates: readonly RankedRegion[];
  failingStep: StepInfo | null;
  totalLines: number;
  model: LineRankerModel;
  limit?: number;
}): PickedEvidence =>
  chooseEvidence({ ...options, scored: scoreCandidateLines(options), threshold: options.model.threshold });
