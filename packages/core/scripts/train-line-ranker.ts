// Trains the evidence line ranker on every development log of the shared corpora and writes the weights the
// engine ships (src/diagnosis/line-ranker.json). The benchmark's cross-validation refits the same way per fold.
// Usage: npm run train:diagnosis [-- --corpora <dir>]
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { loadLineRanker } from '../src/diagnosis/line-ranker-model.ts';
import { collectAll } from './diagnosis-bench/collect-all.ts';
import { fitLineRanker } from './diagnosis-bench/fit-line-ranker.ts';

const here = dirname(fileURLToPath(import.meta.url));
const program = new Command()
  .option('--corpora <dir>', 'corpora directory', resolve(here, '../../../../shared/corpora'))
  .option('--out <file>', 'where to write the weights', resolve(here, '../src/diagnosis/line-ranker.json'))
  .parse();
const opts = program.opts<{ corpora: string; out: string }>();

const { byCorpus, missing } = collectAll({ corpora: opts.corpora });
if (missing.length > 0) throw new Error(`corpora missing under ${opts.corpora}: ${missing.join(', ')}; the shipped model is trained on all of them`);
const cases = [...byCorpus.values()].flat();
const model = fitLineRanker(cases);
loadLineRanker(model);
writeFileSync(opts.out, `${JSON.stringify(model, null, 1)}\n`);
console.log(`trained on ${cases.length} logs (${[...byCorpus].map(([name, list]) => `${name} ${list.length}`).join(', ')}); threshold ${model.threshold}; wrote ${opts.out}`);
