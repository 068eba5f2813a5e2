// Corpus loaders for the diagnosis benchmark and the line-ranker training: cases, gold ranges, repositories.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FailureCategory } from '../../src/diagnosis/diagnosis-result.ts';

export type Range = { start: number; end: number };
export type CorpusName = 'logchunks' | 'cidiff' | 'logdx';
export type Case = {
  corpus: CorpusName;
  id: string;
  file: string;
  /** Repository the log comes from: cross-validation never trains and scores on the same one. */
  repo: string;
  labels: Range[];
  category?: FailureCategory;
  convertUniversal?: boolean;
};
export type LoadedCase = Case & { text: string };

export const corpusFolders: [CorpusName, string][] = [['logchunks', 'logchunks'], ['cidiff', 'cidiff-breakages'], ['logdx', 'logdx-ci-dev']];

/** One spelling per repository across corpora ("apache/commons-lang" and CiDiff's "commonslang" meet). */
export const repoKey = (name: string): string => (name.split('/').pop() ?? name).toLowerCase().replace(/[^a-z0-9]/g, '');

const logchunksCases = (dir: string): Case[] =>
  readFileSync(join(dir, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean).flatMap((row) => {
    const record = JSON.parse(row) as { log: string; repo: string; chunk_line_start: number | null; chunk_line_end: number | null };
    if (record.chunk_line_start === null) return [];
    return [{
      corpus: 'logchunks' as const, id: record.log, file: join(dir, record.log), repo: repoKey(record.repo),
      labels: [{ start: record.chunk_line_start, end: record.chunk_line_end ?? record.chunk_line_start }],
    }];
  });

// CiDiff names its cases <project>_<id>; breakages_dump holds runs of two workflows of one project, Terraform.
const cidiffRepo = (id: string): string => (id.startsWith('breakages_dump/') ? 'terraform' : repoKey((id.split('/').pop() ?? id).replace(/_\d+$/, '')));

const cidiffCases = (dir: string): Case[] => {
  const found: Case[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === 'groundtruth' && existsSync(join(folder, 'fail.log.gz'))) {
        const labels = readFileSync(full, 'utf8').split('\n').slice(1).flatMap((line) => {
          const match = /^E (\d+)(?:-(\d+))?/.exec(line.trim());
          return match ? [{ start: Number(match[1]), end: Number(match[2] ?? match[1]) }] : [];
        });
        const id = folder.slice(dir.length + 1);
        if (labels.length > 0) found.push({ corpus: 'cidiff', id, file: join(folder, 'fail.log.gz'), repo: cidiffRepo(id), labels, convertUniversal: true });
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
    const record = JSON.parse(row) as { case_id: string; repo: string; log: string; failure_category: string; evidence_spans: [number, number][] };
    return {
      corpus: 'logdx' as const, id: record.case_id, file: join(dir, record.log), repo: repoKey(record.repo),
      labels: record.evidence_spans.map(([start, end]) => ({ start, end })),
      category: logdxCategories[record.failure_category] ?? 'unknown',
    };
  });

const loaders: Record<CorpusName, (dir: string) => Case[]> = { logchunks: logchunksCases, cidiff: cidiffCases, logdx: logdxCases };

/** The cases of one corpus, or null when its folder is absent. */
export const loadCorpus = (options: { corpora: string; name: CorpusName }): Case[] | null => {
  const folder = corpusFolders.find(([name]) => name === options.name)?.[1] ?? options.name;
  const dir = join(options.corpora, folder);
  return existsSync(dir) ? loaders[options.name](dir) : null;
};

export const readLog = (file: string): string => {
  const raw = readFileSync(file);
  return (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
};

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

/** Reads the log and expresses its gold ranges in "\n"-only line numbers of the original file. */
export const readCase = (item: Case): LoadedCase => {
  const text = readLog(item.file);
  if (!item.convertUniversal) return { ...item, text };
  const convert = universalToNewline(text);
  return { ...item, text, labels: item.labels.map((range) => ({ start: convert(range.start), end: convert(range.end) })) };
};
