// Benchmark of the offline diagnosis engine over the development splits of the shared corpora.
// Evidence figures come from grouped cross-validation by repository (the line ranker is refitted without the
// scored log's repository); "fit-on-dev" rows use the shipped weights, which saw every one of these logs.
// Usage: tsx packages/core/scripts/bench-diagnosis.ts [--corpora <dir>] [--only logchunks|cidiff|logdx] [--misses]
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { diagnoseLog } from '../src/diagnosis/diagnose-log.ts';
import type { DiagnosisResult } from '../src/diagnosis/diagnosis-result.ts';
import { loadLineRanker } from '../src/diagnosis/line-ranker-model.ts';
import { formatCategoryReport, measureCategoryAccuracy } from './diagnosis-bench/category-cv.ts';
import { collectAll } from './diagnosis-bench/collect-all.ts';
import { evidenceReport, formatEvidence } from './diagnosis-bench/evidence-report.ts';
import { corpusFolders } from './diagnosis-bench/load-corpora.ts';
import type { CorpusName, LoadedCase } from './diagnosis-bench/load-corpora.ts';
import { loadCorpus, readCase } from './diagnosis-bench/load-corpora.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const program = new Command()
  .option('--corpora <dir>', 'corpora directory', resolve(repoRoot, '../shared/corpora'))
  .option('--only <name>', 'report one corpus: logchunks, cidiff or logdx (cross-validation still trains on all)')
  .option('--misses', 'print the cases whose first evidence range (cross-validated) misses the label')
  .parse();
const opts = program.opts<{ corpora: string; only?: string; misses?: boolean }>();

type Timing = { wall: number; cpu: number; results: DiagnosisResult[] };

const timePass = (texts: readonly string[]): Timing => {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const results = texts.map((text) => diagnoseLog({ text }));
  const used = process.cpuUsage(cpu);
  return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6, results };
};

/** Throughput and category accuracy of the shipped engine on one corpus. */
const runEngine = (name: CorpusName, cases: LoadedCase[]): string[] => {
  const texts = cases.map((item) => item.text);
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const first = timePass(texts);
  // A second pass measures the steady state of a long-running service (JIT and heap warmed up).
  const second = timePass(texts);
  const labelled = cases.flatMap((item, index) => (item.category ? [item.category === first.results[index]?.category] : []));
  const rateOf = (seconds: number): string => `${(bytes / 1e6 / seconds).toFixed(1)} MB/s`;
  return [
    `\n${name}: ${cases.length} logs, ${(bytes / 1e6).toFixed(1)} MB, ${new Set(cases.map((item) => item.repo)).size} repositories`,
    `  throughput           ${rateOf(second.wall)} steady state, ${rateOf(first.wall)} first pass (wall clock; CPU time ${rateOf(second.cpu)} / ${rateOf(first.cpu)})`,
    // Fit-on-dev: the rules were written against these logs. Category cross-validation lives in its own module.
    `  category accuracy    ${labelled.length === 0 ? 'n/a (no category labels)' : `${(labelled.filter(Boolean).length / labelled.length).toFixed(3)} (${labelled.length} labelled, fit-on-dev)`}`,
  ];
};

const cpu = cpus();
console.log(`Suture diagnosis benchmark — ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, node ${process.version}`);
console.log(`corpora: ${opts.corpora}`);
const engineLines = new Map<CorpusName, string[]>();
for (const [name] of corpusFolders) {
  if (opts.only && opts.only !== name) continue;
  const cases = loadCorpus({ corpora: opts.corpora, name });
  if (cases) engineLines.set(name, runEngine(name, cases.map(readCase)));
}
const { byCorpus, missing } = collectAll({ corpora: opts.corpora });
const { corpora, folds } = evidenceReport({ byCorpus, shipped: loadLineRanker() });
for (const [name] of corpusFolders) {
  if (opts.only && opts.only !== name) continue;
  const evidence = corpora.get(name);
  if (!evidence) {
    console.log(`\n${name}: not found under ${opts.corpora}, skipped`);
    continue;
  }
  console.log([...(engineLines.get(name) ?? []), ...formatEvidence(evidence)].join('\n'));
  if (opts.misses) {
    for (const [item, score] of evidence.cvScores) {
      if (score.compactHit1) continue;
      console.log(`  MISS ${item.item.id} repo=${item.item.repo} label=${item.item.labels.map((l) => `${l.start}-${l.end}`).join(',')} regions=${item.candidates.map((r) => `${r.start}-${r.end}`).join(',')}`);
    }
  }
}
console.log(`\nevidence: compact@1 = top range <= 20 lines and overlaps a gold range; line-P/line-R = per-log means over gold lines.`);
console.log(`grouped CV: ${folds.length} folds by repository, pooled over ${[...byCorpus.keys()].join(', ')}${missing.length > 0 ? ` (missing: ${missing.join(', ')})` : ''}; ` +
  `held-out logs per fold ${folds.map((fold) => `${fold.held}/${fold.repos} repos (threshold ${fold.threshold})`).join(', ')}`);
// Category accuracy over the hand labels (docs/diagnosis/taxonomy.md), by repository fold.
console.log(formatCategoryReport(measureCategoryAccuracy({ corporaDir: opts.corpora }), { misses: opts.misses }));
