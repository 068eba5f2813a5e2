// Redaction benchmark: recall and false positives on the generated corpus (overall, train and held-out splits,
// per kind and per template), throughput on real CI logs and on a secret-dense log, and how much of the real
// logs gets redacted. `--compare <dir>` runs another checkout's packages/core (e.g. the code before a change)
// on the same inputs and lists the real-log lines only one of the two redacts.
// Usage: tsx packages/core/scripts/bench-redaction.ts [--seed 12] [--runs 7] [--compare <core dir>] [--corpora <dir>] [--details]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { generateCorpus } from '../src/redaction/corpus/generate-corpus.ts';
import { falsePositiveRateOf, recallOf, scoreCorpus } from '../src/redaction/corpus/score-corpus.ts';
import type { Tally } from '../src/redaction/corpus/score-corpus.ts';

type RedactText = (options: { text: string }) => { text: string; count: number };

const coreDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const program = new Command()
  .option('--seed <n>', 'corpus seed', '12')
  .option('--runs <n>', 'throughput runs', '7')
  .option('--compare <dir>', 'another packages/core to compare with')
  .option('--corpora <dir>', 'real CI logs', resolve(coreDir, '../../../shared/corpora'))
  .option('--max-mb <n>', 'real-log megabytes to read', '40')
  .option('--details', 'print misses and false positives')
  .parse();
const opts = program.opts<{ seed: string; runs: string; compare?: string; corpora: string; maxMb: string; details?: boolean }>();

const load = async (dir: string): Promise<RedactText> =>
  ((await import(pathToFileURL(join(dir, 'src/redaction/redact-text.ts')).href)) as { redactText: RedactText }).redactText;

const pct = (value: number): string => `${(value * 100).toFixed(2)}%`;
const row = (name: string, tally: Tally): string =>
  `  ${name.padEnd(28)} ${tally.cases > 0 ? `recall ${pct(recallOf(tally)).padStart(7)} (${tally.caught}/${tally.cases})` : ''.padEnd(26)}${tally.negatives > 0 ? `  false positives ${pct(falsePositiveRateOf(tally)).padStart(6)} (${tally.altered}/${tally.negatives})` : ''}`;

const realLogs = (dir: string, maxBytes: number): string[] => {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.log(?:\.gz)?$/.test(name)) files.push(full);
    }
  };
  if (existsSync(dir)) walk(dir);
  const texts: string[] = [];
  let bytes = 0;
  for (const file of files) {
    if (bytes >= maxBytes) break;
    const raw = readFileSync(file);
    const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    bytes += Buffer.byteLength(text);
    texts.push(text);
  }
  return texts;
};

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

const throughput = (redact: RedactText, text: string, runs: number): string => {
  const mb = Buffer.byteLength(text) / 1e6;
  redact({ text }); // warm-up: JIT and the rule tables
  const rates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    redact({ text });
    rates.push(mb / ((performance.now() - start) / 1000));
  }
  rates.sort((a, b) => a - b);
  // p95 of the time per run is the 5th percentile of the rate.
  return `median ${quantile(rates, 0.5).toFixed(1)} MB/s, p95 ${quantile(rates, 0.05).toFixed(1)} MB/s (${runs} runs of ${mb.toFixed(1)} MB)`;
};

const main = async (): Promise<void> => {
  const redact = await load(coreDir);
  const other = opts.compare ? await load(resolve(opts.compare)) : null;
  console.log(`Suture redaction benchmark — ${cpus()[0]?.model.trim() ?? 'cpu'}, ${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}, node ${process.version}`);

  const corpus = generateCorpus({ seed: Number(opts.seed) });
  console.log(`\ncorpus (seed ${opts.seed}): ${corpus.positives.length} secrets in context (${new Set(corpus.positives.map((p) => p.kind)).size} kinds, ${new Set(corpus.positives.map((p) => p.template)).size} templates), ${corpus.negatives.length} look-alikes`);
  for (const [label, impl] of [['this checkout', redact], ['compared', other]] as const) {
    if (!impl) continue;
    const score = scoreCorpus({ corpus, redact: (text) => impl({ text }).text });
    console.log(`\n${label}:`);
    console.log(row('overall', score.overall));
    console.log(row('train split (tuned on)', score.bySplit.train));
    console.log(row('test split (held out)', score.bySplit.test));
    console.log(`  collateral: ${score.collateral.altered} of ${score.collateral.lines} non-secret lines beside a secret changed`);
    if (impl !== redact) continue;
    console.log('\n  per kind:');
    for (const [kind, tally] of [...score.byKind].sort()) console.log(row(kind, tally));
    console.log('\n  per template (context):');
    for (const [template, tally] of [...score.byTemplate].sort()) console.log(row(template, tally));
    if (opts.details) {
      for (const miss of score.misses) console.log(`  MISS ${miss.kind} ${miss.template}: ${JSON.stringify(miss.output).slice(0, 240)}`);
      for (const fp of score.falsePositives) console.log(`  FALSE POSITIVE ${fp.template}: ${JSON.stringify(fp.input)} -> ${JSON.stringify(fp.output)}`);
    }
  }

  const logs = realLogs(opts.corpora, Number(opts.maxMb) * 1e6);
  const real = logs.join('\n');
  const dense = Array.from({ length: 40 }, () => corpus.positives.map((p) => p.lines.join('\n')).join('\n')).join('\n');
  const runs = Number(opts.runs);
  console.log(`\nthroughput (redactText, whole text in memory):`);
  for (const [label, impl] of [['this checkout', redact], ['compared', other]] as const) {
    if (!impl) continue;
    if (real.length > 0) console.log(`  ${label.padEnd(14)} real CI logs:   ${throughput(impl, real, runs)}`);
    console.log(`  ${label.padEnd(14)} secret-dense:   ${throughput(impl, dense, runs)}`);
  }

  if (logs.length === 0) return;
  const lines = real.split('\n');
  const mine = redact({ text: real });
  console.log(`\nreal CI logs: ${logs.length} logs, ${lines.length} lines`);
  console.log(`  this checkout: ${mine.count} redactions, ${((mine.count / lines.length) * 1000).toFixed(2)} per 1000 lines`);
  if (!other) return;
  const theirs = other({ text: real });
  console.log(`  compared:      ${theirs.count} redactions, ${((theirs.count / lines.length) * 1000).toFixed(2)} per 1000 lines`);
  const after = mine.text.split('\n');
  const before = theirs.text.split('\n');
  const newly: string[] = [];
  const noLonger: string[] = [];
  lines.forEach((line, i) => {
    const changedNow = after[i] !== line;
    const changedThen = before[i] !== line;
    if (changedNow && !changedThen) newly.push(`${JSON.stringify(line).slice(0, 200)}\n      -> ${JSON.stringify(after[i]).slice(0, 200)}`);
    if (changedThen && !changedNow) noLonger.push(JSON.stringify(line).slice(0, 200));
  });
  console.log(`  lines redacted only by this checkout: ${newly.length}; only by the compared one: ${noLonger.length}`);
  for (const line of newly.slice(0, opts.details ? 200 : 25)) console.log(`    + ${line}`);
  for (const line of noLonger.slice(0, opts.details ? 200 : 25)) console.log(`    - ${line}`);
};

await main();
