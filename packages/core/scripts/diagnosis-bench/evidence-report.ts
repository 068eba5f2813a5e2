// The evidence part of the diagnosis benchmark: grouped cross-validation by repository (the honest figure),
// the shipped weights on the same logs ("fit-on-dev") and the untrimmed candidate regions for comparison.
import type { LineRankerModel } from '../../src/diagnosis/line-ranker-model.ts';
import type { CaseCandidates } from './collect-candidates.ts';
import { crossValidate } from './cross-validate.ts';
import type { FoldReport } from './cross-validate.ts';
import { scoreEvidence, summarize } from './evidence-metrics.ts';
import type { EvidenceScore, EvidenceSummary } from './evidence-metrics.ts';
import { evidenceFor } from './fit-line-ranker.ts';
import type { CorpusName } from './load-corpora.ts';

export type CorpusEvidence = { cv: EvidenceSummary; dev: EvidenceSummary; regions: EvidenceSummary; cvScores: Map<CaseCandidates, EvidenceScore> };

export const evidenceReport = (options: { byCorpus: Map<CorpusName, CaseCandidates[]>; shipped: LineRankerModel }): { corpora: Map<CorpusName, CorpusEvidence>; folds: FoldReport[] } => {
  // Folds pool every corpus: a fold's model is trained on the other repositories of all three.
  const all = [...options.byCorpus.values()].flat();
  const { models, report } = crossValidate(all);
  const corpora = new Map<CorpusName, CorpusEvidence>();
  for (const [name, cases] of options.byCorpus) {
    const cvScores = new Map(cases.map((item) => [item, scoreEvidence({ evidence: evidenceFor(item, models.get(item) as LineRankerModel), gold: item.item.labels })]));
    corpora.set(name, {
      cv: summarize([...cvScores.values()]),
      dev: summarize(cases.map((item) => scoreEvidence({ evidence: evidenceFor(item, options.shipped), gold: item.item.labels }))),
      regions: summarize(cases.map((item) => scoreEvidence({ evidence: item.candidates.slice(0, 3).map(({ start, end }) => ({ start, end })), gold: item.item.labels }))),
      cvScores,
    });
  }
  return { corpora, folds: report };
};

const pct = (value: number): string => value.toFixed(3);

export const formatEvidence = (summary: CorpusEvidence): string[] => {
  const row = (label: string, s: EvidenceSummary): string =>
    `  ${label.padEnd(28)} ${pct(s.compactHit1)}      ${pct(s.hit1)}  ${pct(s.hit3)}  ${pct(s.precision)}  ${pct(s.recall)}  ${s.meanLines.toFixed(1).padStart(6)}`;
  return [
    `  ${''.padEnd(28)} compact@1  hit@1  hit@3  line-P line-R  lines/log`,
    row('grouped CV by repository', summary.cv),
    row('fit-on-dev (shipped model)', summary.dev),
    row('untrimmed regions (old)', summary.regions),
  ];
};
