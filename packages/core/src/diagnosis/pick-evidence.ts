import type { CandidateRegion } from './candidate-region.ts';
import type { RankedRegion } from './rank-regions.ts';

const overlaps = (a: CandidateRegion, b: CandidateRegion): boolean => a.start <= b.end && b.start <= a.end;

const MERGE_GAP = 20;
const MERGE_MAX_LINES = 80;
const MERGE_RANK_DROP = 4;

/**
 * Grows a region over strong neighbours of the same step: a failure report is often split by a blank line or an
 * unscored line into a caption, a message and a stack, and the reader wants all of it in one range.
 */
const mergeNeighbours = (top: RankedRegion, ranked: readonly RankedRegion[]): RankedRegion => {
  let merged = top;
  for (let changed = true; changed; ) {
    changed = false;
    for (const other of ranked) {
      if (other === top || other.kind !== 'signal' || other.step !== merged.step || other.rank < top.rank - MERGE_RANK_DROP) continue;
      if (overlaps(other, merged)) continue;
      const gap = other.start > merged.end ? other.start - merged.end : merged.start - other.end;
      const start = Math.min(merged.start, other.start);
      const end = Math.max(merged.end, other.end);
      if (gap > MERGE_GAP || end - start + 1 > MERGE_MAX_LINES) continue;
      const votes = { ...merged.votes };
      for (const [category, value] of Object.entries(other.votes) as [keyof typeof votes, number][]) votes[category] = (votes[category] ?? 0) + value;
      merged = { ...merged, start, end, votes, lines: [...merged.lines, ...other.lines].sort((a, b) => a.line - b.line) };
      changed = true;
    }
  }
  return merged;
};

/** The top regions that do not overlap one another, best first, each grown over its close neighbours. */
export const pickEvidence = (options: { ranked: readonly RankedRegion[]; limit: number }): RankedRegion[] => {
  const picked: RankedRegion[] = [];
  for (const region of options.ranked) {
    if (picked.length >= options.limit) break;
    if (picked.some((other) => overlaps(other, region))) continue;
    const candidate = mergeNeighbours(region, options.ranked);
    if (picked.some((other) => overlaps(other, candidate))) continue;
    picked.push(candidate);
  }
  return picked;
};
