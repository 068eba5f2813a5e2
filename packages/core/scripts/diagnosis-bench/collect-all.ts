// Loads and analyses every case of the chosen corpora once; the bench and the training script share it.
import { collectCandidates } from './collect-candidates.ts';
import type { CaseCandidates } from './collect-candidates.ts';
import { corpusFolders, loadCorpus, readCase } from './load-corpora.ts';
import type { CorpusName } from './load-corpora.ts';

export const collectAll = (options: { corpora: string }): { byCorpus: Map<CorpusName, CaseCandidates[]>; missing: CorpusName[] } => {
  const byCorpus = new Map<CorpusName, CaseCandidates[]>();
  const missing: CorpusName[] = [];
  for (const [name] of corpusFolders) {
    const cases = loadCorpus({ corpora: options.corpora, name });
    if (!cases) {
      missing.push(name);
      continue;
    }
    byCorpus.set(name, cases.map((item) => collectCandidates(readCase(item))));
  }
  return { byCorpus, missing };
};
