import { MAX_EVIDENCE_RANGE_LINES } from './diagnosis-result.ts';
import type { EvidenceRange, LineRange } from './diagnosis-result.ts';
import { contextOf } from './pick-evidence-lines.ts';

const LEAD = 2;

/**
 * Brings ranges from another source (the Claude engine) to the evidence shape: each cut to at most
 * MAX_EVIDENCE_RANGE_LINES lines, around the offline evidence it overlaps when there is such (the line model found the
 * cause's lines there), else from its start; its context is drawn from the full range it was given.
 */
export const normalizeEvidence = (options: {
  ranges: readonly LineRange[];
  anchors: readonly EvidenceRange[];
  totalLines: number;
}): { evidence: EvidenceRange[]; context: LineRange[] } => {
  const evidence: EvidenceRange[] = [];
  const context: LineRange[] = [];
  for (const range of options.ranges.slice(0, 3)) {
    let cut: EvidenceRange = range;
    if (range.end - range.start + 1 > MAX_EVIDENCE_RANGE_LINES) {
      const anchor = options.anchors.find((other) => other.start <= range.end && range.start <= other.end);
      const wanted = anchor ? Math.max(range.start, anchor.start - LEAD) : range.start;
      const start = Math.min(wanted, range.end - MAX_EVIDENCE_RANGE_LINES + 1);
      cut = { start, end: start + MAX_EVIDENCE_RANGE_LINES - 1 };
    }
    evidence.push(cut);
    context.push(contextOf({ evidence: cut, region: range, totalLines: options.totalLines }));
  }
  return { evidence, context };
};
