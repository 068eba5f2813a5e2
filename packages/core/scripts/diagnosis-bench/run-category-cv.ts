// Usage: tsx packages/core/scripts/diagnosis-bench/run-category-cv.ts [--corpora <dir>] [--misses] [--heldout-misses]
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { formatCategoryReport, measureCategoryAccuracy } from './category-cv.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const opts = new Command()
  .option('--corpora <dir>', 'corpora directory', resolve(repoRoot, '../shared/corpora'))
  .option('--misses', 'list misses of the fit batch')
  .option('--heldout-misses', 'also list misses of the held-out batch (spoils it for further rule edits)')
  .parse()
  .opts<{ corpora: string; misses?: boolean; heldoutMisses?: boolean }>();
const report = measureCategoryAccuracy({ corporaDir: opts.corpora });
console.log(formatCategoryReport(report, { misses: opts.misses, showHeldoutMisses: opts.heldoutMisses }));
