// Scores evidence ranges against gold ranges: compact hit@1, hit@3, line precision and recall, evidence size.
import type { Range } from './load-corpora.ts';

export type EvidenceScore = { compactHit1: boolean; hit1: boolean; hit3: boolean; precision: number; recall: number; lines: number };
export type EvidenceSummary = { n: number; compactHit1: number; hit1: number; hit3: number; precision: number; recall: number; meanLines: number };

export const COMPACT_LINES = 20;

const overlaps = (a: Range, b: Range): boolean => a.start <= b.end && b.start <= a.end;

const lineSet = (ranges: readonly Range[]): Set<number> => {
  const set = new Set<number>();
  for (const range of ranges) for (let line = range.start; line <= range.end; line++) set.add(line);
  return set;
};

export const scoreEvidence = (options: { evidence: readonly Range[]; gold: readonly Range[] }): EvidenceScore => {
  const { evidence, gold } = options;
  const top = evidence[0];
  const hit1 = top !== undefined && gold.some((label) => overlaps(top, label));
  const predicted = lineSet(evidence);
  const truth = lineSet(gold);
  let common = 0;
  for (const line of predicted) if (truth.has(line)) common += 1;
  return {
    hit1,
    compactHit1: hit1 && top !== undefined && top.end - top.start + 1 <= COMPACT_LINES,
    hit3: evidence.some((range) => gold.some((label) => overlaps(range, label))),
    precision: predicted.size === 0 ? 0 : common / predicted.size,
    recall: truth.size === 0 ? 0 : common / truth.size,
    lines: evidence.reduce((sum, range) => sum + range.end - range.start + 1, 0),
  };
};

/** Means over logs (each log weighs the same, whatever the size of its gold ranges). */
export const summarize = (scores: readonly EvidenceScore[]): EvidenceSummary => {
  const n = scores.length;
  const mean = (pick: (score: EvidenceScore) => number): number => (n === 0 ? 0 : scores.reduce((sum, score) => sum + pick(score), 0) / n);
  return {
    n,
    compactHit1: mean((s) => Number(s.compactHit1)), hit1: mean((s) => Number(s.hit1)), hit3: mean((s) => Number(s.hit3)),
    precision: mean((s) => s.precision), recall: mean((s) => s.recall), meanLines: mean((s) => s.lines),
  };
};
