// Grouped cross-validation by repository: each log's evidence comes from a line ranker fitted (weights and
// threshold) on the logs of the other folds only, so no repository is ever scored by a model that saw it.
import type { LineRankerModel } from '../../src/diagnosis/line-ranker-model.ts';
import type { CaseCandidates } from './collect-candidates.ts';
import { fitLineRanker } from './fit-line-ranker.ts';
import { assignFolds, FOLDS } from './grouped-folds.ts';

export type FoldReport = { fold: number; repos: number; held: number; threshold: number };

export const crossValidate = (cases: readonly CaseCandidates[], folds = FOLDS): { models: Map<CaseCandidates, LineRankerModel>; report: FoldReport[] } => {
  const foldOfRepo = assignFolds(cases.map((item) => item.item.repo), folds);
  const models = new Map<CaseCandidates, LineRankerModel>();
  const report: FoldReport[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const held = cases.filter((item) => foldOfRepo.get(item.item.repo) === fold);
    const train = cases.filter((item) => foldOfRepo.get(item.item.repo) !== fold);
    const model = fitLineRanker(train);
    for (const item of held) models.set(item, model);
    report.push({ fold, repos: new Set(held.map((item) => item.item.repo)).size, held: held.length, threshold: model.threshold });
  }
  return { models, report };
};
