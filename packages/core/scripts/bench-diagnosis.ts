// Benchmark of the offline diagnosis engine over the development splits of the shared corpora.
// Usage: tsx packages/core/scripts/bench-diagnosis.ts [--corpora <dir>] [--only logchunks|cidiff|logdx] [--misses] [--categories]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Command } from 'commander';
import { diagnoseLog } from '../src/diagnosis/diagnose-log.ts';
import type { DiagnosisResult, FailureCategory } from '../src/diagnosis/diagnosis-result.ts';
import { formatCategoryReport, measureCategoryAccuracy } from './diagnosis-bench/category-cv.ts';

type Range = { start: number; end: number };
type Case = { id: string; file: string; labels: Range[]; category?: FailureCategory; convertUniversal?: boolean };
type Outcome = { id: string; hit1: boolean; hit3: boolean; evidenceLines: number; categoryOk: boolean | null; result: DiagnosisResult; labels: Range[] };

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const program = new Command()
  .option('--corpora <dir>', 'corpora directory', resolve(repoRoot, '../shared/corpora'))
  .option('--only <name>', 'run one corpus: logchunks, cidiff or logdx')
  .option('--misses', 'print the cases whose first evidence range misses the label')
  .option('--categories', 'category accuracy on the hand labels (diagnosis-bench/category-labels.jsonl), by repository fold')
  .parse();
const opts = program.opts<{ corpora: string; only?: string; misses?: boolean; categories?: boolean }>();

const readLog = (file: string): string => {
  const raw = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
};

const logchunksCases = (dir: string): Case[] =>
  readFileSync(join(dir, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean).flatMap((row) => {
    const record = JSON.parse(row) as { log: string; chunk_line_start: number | null; chunk_line_end: number | null };
    if (record.chunk_line_start === null) return [];
    return [{ id: record.log, file: join(dir, record.log), labels: [{ start: record.chunk_line_start, end: record.chunk_line_end ?? record.chunk_line_start }] }];
  });

const cidiffCases = (dir: string): Case[] => {
  const found: Case[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder)) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'groundtruth' && existsSync(join(folder, 'fail.log.gz'))) {
        const labels = readFileSync(full, 'utf8').split('\n').slice(1).flatMap((line) => {
          const match = /^E (\d+)(?:-(\d+))?/.exec(line.trim());
          return match ? [{ start: Number(match[1]), end: Number(match[2] ?? match[1]) }] : [];
        });
        if (labels.length > 0) found.push({ id: folder.slice(dir.length + 1), file: join(folder, 'fail.log.gz'), labels, convertUniversal: true });
      }
    }
  };
  walk(dir);
  return found;
};

// LogDx-CI's own category names, mapped onto Suture's ids.
const logdxCategories: Record<string, FailureCategory> = {
  test_assertion: 'test_failure', test_failure: 'test_failure', snapshot_diff: 'snapshot_mismatch', compile_error: 'compile_error',
  type_error: 'type_error', lint_error: 'lint_error', format_error: 'format_error', dependency_resolution: 'dependency_install',
  dependency_install: 'dependency_install', github_actions_config: 'build_config', build_config: 'build_config',
  permission_or_secret: 'permission_or_secret', timeout_or_oom: 'timeout', timeout: 'timeout', out_of_memory: 'out_of_memory',
  network_or_flaky: 'network_or_infra', network_or_infra: 'network_or_infra', docker_build: 'docker_build',
};

const logdxCases = (dir: string): Case[] =>
  readFileSync(join(dir, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean).map((row) => {
    const record = JSON.parse(row) as { case_id: string; log: string; failure_category: string; evidence_spans: [number, number][] };
    return {
      id: record.case_id, file: join(dir, record.log), labels: record.evidence_spans.map(([start, end]) => ({ start, end })),
      category: logdxCategories[record.failure_category] ?? 'unknown',
    };
  });

/** CiDiff counts "\r", "\n" and "\r\n" as line ends; map its line numbers to "\n"-only lines. */
const universalToNewline = (text: string): ((line: number) => number) => {
  const starts: number[] = [1];
  let universal = 1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      universal += 1;
      starts.push(universal);
    } else if (code === 13 && text.charCodeAt(i + 1) !== 10) {
      universal += 1;
    }
  }
  return (line: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
};

const overlaps = (a: Range, b: Range): boolean => a.start <= b.end && b.start <= a.end;

const runCorpus = (name: string, cases: Case[]): void => {
  const outcomes: Outcome[] = [];
  // Logs are decompressed up front so that reading and gunzip stay out of the timings.
  const texts = cases.map((item) => readLog(item.file));
  const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  const timePass = (): { wall: number; cpu: number; results: DiagnosisResult[] } => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const results = texts.map((text) => diagnoseLog({ text }));
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6, results };
  };
  const first = timePass();
  // A second pass measures the steady state of a long-running service (JIT and heap warmed up).
  const second = timePass();
  for (const [index, item] of cases.entries()) {
    const text = texts[index] ?? '';
    const result = first.results[index] as DiagnosisResult;
    let labels = item.labels;
    if (item.convertUniversal) {
      const convert = universalToNewline(text);
      labels = labels.map((range) => ({ start: convert(range.start), end: convert(range.end) }));
    }
    const top = result.evidence[0];
    outcomes.push({
      id: item.id, labels, result,
      hit1: top !== undefined && labels.some((label) => overlaps(top, label)),
      hit3: result.evidence.some((range) => labels.some((label) => overlaps(range, label))),
      evidenceLines: result.evidence.reduce((sum, range) => sum + range.end - range.start + 1, 0),
      categoryOk: item.category ? result.category === item.category : null,
    });
  }
  const n = outcomes.length;
  const rate = (count: number): string => (n === 0 ? 'n/a' : (count / n).toFixed(3));
  const labelled = outcomes.filter((outcome) => outcome.categoryOk !== null);
  console.log(`\n${name}: ${n} logs, ${(bytes / 1e6).toFixed(1)} MB`);
  console.log(`  hit@1                ${rate(outcomes.filter((o) => o.hit1).length)}`);
  console.log(`  hit@3                ${rate(outcomes.filter((o) => o.hit3).length)}`);
  console.log(`  mean evidence lines  ${(outcomes.reduce((sum, o) => sum + o.evidenceLines, 0) / Math.max(1, n)).toFixed(1)}`);
  const rateOf = (seconds: number): string => `${(bytes / 1e6 / seconds).toFixed(1)} MB/s`;
  console.log(`  throughput           ${rateOf(second.wall)} steady state, ${rateOf(first.wall)} first pass (wall clock; CPU time ${rateOf(second.cpu)} / ${rateOf(first.cpu)})`);
  console.log(`  category accuracy    ${labelled.length === 0 ? 'n/a (no category labels)' : `${(labelled.filter((o) => o.categoryOk).length / labelled.length).toFixed(3)} (${labelled.length} labelled)`}`);
  if (opts.misses) {
    for (const o of outcomes.filter((x) => !x.hit1 || x.categoryOk === false)) {
      console.log(`  MISS ${o.id} label=${o.labels.map((l) => `${l.start}-${l.end}`).join(',')} got=${o.result.evidence.map((r) => `${r.start}-${r.end}`).join(',')} cat=${o.result.category} step=${o.result.failingStep?.name ?? '-'}`);
    }
  }
};

const cpu = cpus();
console.log(`Suture diagnosis benchmark — ${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, node ${process.version}`);
console.log(`corpora: ${opts.corpora}`);
const corpora: [string, string, (dir: string) => Case[]][] = [
  ['logchunks', 'logchunks', logchunksCases],
  ['cidiff', 'cidiff-breakages', cidiffCases],
  ['logdx', 'logdx-ci-dev', logdxCases],
];
for (const [key, folder, load] of corpora) {
  if (opts.only && opts.only !== key) continue;
  const dir = join(opts.corpora, folder);
  if (!existsSync(dir)) {
    console.log(`\n${key}: not found at ${dir}, skipped`);
    continue;
  }
  runCorpus(key, load(dir));
}
if (opts.categories) console.log(formatCategoryReport(measureCategoryAccuracy({ corporaDir: opts.corpora }), { misses: opts.misses }));
