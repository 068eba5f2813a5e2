// Fits the line ranker on a set of logs: logistic weights first, then the range-widening threshold that
// scores best on those same logs. Cross-validation calls it once per fold, the training script once on all.
import type { LineRankerModel } from '../../src/diagnosis/line-ranker-model.ts';
import { chooseEvidence, scoreCandidateLines } from '../../src/diagnosis/pick-evidence-lines.ts';
import type { ScoredLine } from '../../src/diagnosis/pick-evidence-lines.ts';
import { scoreLineFeatures } from '../../src/diagnosis/line-ranker-model.ts';
import type { CaseCandidates } from './collect-candidates.ts';
import { scoreEvidence, summarize } from './evidence-metrics.ts';
import type { EvidenceScore } from './evidence-metrics.ts';
import type { Range } from './load-corpora.ts';
import { trainLogistic } from './train-logistic.ts';
import type { TrainOptions } from './train-logistic.ts';

const THRESHOLDS = Array.from({ length: 19 }, (_, i) => Math.round((0.05 + 0.05 * i) * 100) / 100);

/** The engine's evidence for one analysed log under a given model (the same function the engine runs). */
export const evidenceFor = (item: CaseCandidates, model: LineRankerModel, scored?: ScoredLine[][]): Range[] =>
  item.candidates.length === 0
    ? [{ start: Math.max(1, item.totalLines - 9), end: Math.max(1, item.totalLines) }]
    : chooseEvidence({
        candidates: item.candidates, totalLines: item.totalLines, threshold: model.threshold,
        scored: scored ?? scoreCandidateLines({ candidates: item.candidates, failingStep: item.failingStep, totalLines: item.totalLines, model }),
      }).evidence;

/** Line probabilities from the precomputed feature rows: the same numbers scoreCandidateLines gives, without re-extracting. */
const scoredFromRows = (item: CaseCandidates, model: Omit<LineRankerModel, 'threshold'>): ScoredLine[][] => {
  const byRegion = item.candidates.map((): ScoredLine[] => []);
  for (const row of item.rows) byRegion[row.region]?.push({ line: row.line, p: scoreLineFeatures({ ...model, threshold: 0 }, row.features) });
  return byRegion;
};

export const scoreCases = (cases: readonly CaseCandidates[], model: LineRankerModel): EvidenceScore[] =>
  cases.map((item) => scoreEvidence({ evidence: evidenceFor(item, model, scoredFromRows(item, model)), gold: item.item.labels }));

// What the threshold trades: finding the cause first, and quoting its lines without padding.
const objective = (scores: readonly EvidenceScore[]): number => {
  const summary = summarize(scores);
  const f1 = scores.reduce((sum, s) => sum + (s.precision + s.recall > 0 ? (2 * s.precision * s.recall) / (s.precision + s.recall) : 0), 0) / Math.max(1, scores.length);
  return summary.compactHit1 + 0.5 * f1;
};

export const fitLineRanker = (cases: readonly CaseCandidates[], options: TrainOptions = {}): LineRankerModel => {
  const base = trainLogistic(cases, options);
  let best: LineRankerModel = { ...base, threshold: 0.5 };
  let bestValue = -Infinity;
  const scored = cases.map((item) => scoredFromRows(item, base));
  for (const threshold of THRESHOLDS) {
    const model = { ...base, threshold };
    const value = objective(cases.map((item, index) => scoreEvidence({ evidence: evidenceFor(item, model, scored[index]), gold: item.item.labels })));
    if (value > bestValue + 1e-9) {
      best = model;
      bestValue = value;
    }
  }
  return best;
};
