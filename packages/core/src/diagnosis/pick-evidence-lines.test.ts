import { describe, expect, it } from 'vitest';
import type { RegionLine } from './candidate-region.ts';
import { lineFeatureNames } from './line-features.ts';
import { loadLineRanker } from './line-ranker-model.ts';
import type { LineRankerModel } from './line-ranker-model.ts';
import { contextOf, pickEvidenceLines } from './pick-evidence-lines.ts';
import type { RankedRegion } from './rank-regions.ts';

const width = lineFeatureNames.length;
/** A model that only reads the rule score: every scored line is likely, every other line is not. */
const scoreOnly = (threshold: number): LineRankerModel => ({
  version: 1, features: [...lineFeatureNames], mean: new Array<number>(width).fill(0), scale: new Array<number>(width).fill(1),
  weights: lineFeatureNames.map((name) => (name === 'score' ? 2 : 0)), bias: -4, threshold,
});

const region = (start: number, end: number, scored: (line: number) => number, rank = 10): RankedRegion => {
  const lines: RegionLine[] = [];
  for (let line = start; line <= end; line++) {
    const score = scored(line);
    lines.push({ line, text: `line ${line}`, score: score > 0 ? { score, ruleId: 'test.rule', role: 'cause', category: null } : null });
  }
  return { kind: 'signal', start, end, step: 0, base: 5, best: null, votes: {}, lines, rank };
};

describe('pickEvidenceLines', () => {
  it('cuts a long region of strong lines down to at most 20 lines around its strongest line', () => {
    const long = region(100, 180, (line) => (line === 150 ? 9 : 6));
    const picked = pickEvidenceLines({ candidates: [long], failingStep: null, totalLines: 200, model: scoreOnly(0.1) });
    const [first] = picked.evidence;
    expect(first).toBeDefined();
    expect((first?.end ?? 0) - (first?.start ?? 0) + 1).toBeLessThanOrEqual(20);
    expect(first && first.start <= 150 && 150 <= first.end).toBe(true);
  });

  it('quotes only the lines that beat the threshold, not the quiet lines around them', () => {
    const report = region(10, 40, (line) => (line >= 20 && line <= 23 ? 8 : 0));
    const picked = pickEvidenceLines({ candidates: [report], failingStep: null, totalLines: 60, model: scoreOnly(0.5) });
    expect(picked.evidence).toEqual([{ start: 20, end: 23 }]);
    expect(picked.context).toEqual([{ start: 10, end: 35 }]);
  });

  it('returns at most three ranges, keeps the region order, and gives each a context that contains it', () => {
    const regions = [5, 60, 120, 180, 240].map((start, index) => region(start, start + 30, (line) => (line % 7 === 0 ? 7 : 0), 20 - index));
    const picked = pickEvidenceLines({ candidates: regions, failingStep: null, totalLines: 300, model: loadLineRanker() });
    expect(picked.evidence).toHaveLength(3);
    expect(picked.context).toHaveLength(3);
    picked.evidence.forEach((range, index) => {
      const around = picked.context[index];
      expect(range.end - range.start + 1).toBeLessThanOrEqual(20);
      expect(range.start).toBeGreaterThanOrEqual(regions[index]?.start ?? 0);
      expect(around && around.start <= range.start && range.end <= around.end).toBe(true);
    });
  });

  it('keeps context inside the log', () => {
    expect(contextOf({ evidence: { start: 1, end: 2 }, totalLines: 3 })).toEqual({ start: 1, end: 3 });
    expect(contextOf({ evidence: { start: 5, end: 5 }, region: { start: 1, end: 40 }, totalLines: 40 })).toEqual({ start: 1, end: 17 });
  });
});

describe('loadLineRanker', () => {
  it('loads the shipped weights and refuses weights trained on other features', () => {
    const model = loadLineRanker();
    expect(model.features).toEqual([...lineFeatureNames]);
    expect(() => loadLineRanker({ ...model, features: ['score'] })).toThrow(/line ranker weights are for features/);
  });
});
