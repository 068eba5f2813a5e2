import type { RegionLine } from './candidate-region.ts';
import type { StepInfo } from './create-step-tracker.ts';
import type { RankedRegion } from './rank-regions.ts';

/** One stored line of a candidate region with the features the line ranker reads. */
export type CandidateLine = { line: number; region: number; features: number[] };

// Order matters: the shipped weights are indexed by it, and the model file records it to catch drift.
export const lineFeatureNames = [
  'score', 'scored', 'role_cause', 'role_header', 'role_summary', 'generic_rule', 'best_line', 'auxiliary',
  'continuation', 'caption', 'blank', 'log_length', 'indented', 'rel_position', 'log_from_start', 'log_to_end',
  'log_from_best', 'after_best', 'first_cause', 'cause_order', 'density', 'region_0', 'region_1', 'region_2',
  'region_3plus', 'rank_gap', 'region_base', 'in_failing_step', 'after_failure', 'log_to_failure', 'step_tail',
  'log_tail', 'duplicate', 'log_region_lines', 'log_position', 'marker_error', 'marker_pytest', 'marker_fail',
  'marker_traceback', 'marker_frame', 'marker_exception', 'marker_warning', 'marker_file_location', 'marker_summary_word',
  'first_line', 'first_line_top', 'best_line_top',
] as const;

const continuation = /^(?:\s+\S|\s*(?:at |File "|\^|\||-->|= |Caused by|E\s|[+-] |\.\.\.|~+\s*$))/;
const caption = /^\s*(?:\d+\) \S|_{3,} |={3,} |-{3,} |\S.*:\s*$|● |✕ |× |Error:?\s*$|FAIL\b)/;
const auxiliary = /^\s*(?:=\s*(?:help|note|suggestion)\b|(?:help|note|suggestion):\s|\$\s+\S|>\s+(?!\d+\s*\|)\S|##\[(?:group|command)\]|\[command\])/;
const markers: RegExp[] = [
  /\berror\b|\[ERROR\]|\bERR!/i,
  /^E\s{2,}|^\s*>\s+\S|AssertionError|assert /,
  /\bFAIL(?:ED|URE|ING)?\b|✕|×|●/,
  /Traceback|stack trace|Caused by/i,
  /^\s*at |^\s*File "|^\s+\S+\.\w+:\d+/,
  /\bException\b|\bpanic(?:ked)?\b/i,
  /\bwarn(?:ing)?\b|\bdeprecat/i,
  /[\w/.-]+\.\w{1,5}[:([]\d+/,
  /\b(?:BUILD|Tests? run|tests? failed|errors? found|exited with|exit code|Process completed)\b/i,
];
const digits = /\d+/g;

const log1p = (value: number): number => Math.log1p(Math.max(0, value));

const linesOf = (region: RankedRegion): RegionLine[] => {
  // Merged regions concatenate their parts' lines: keep one entry per line number, in log order.
  const seen = new Set<number>();
  return [...region.lines].sort((a, b) => a.line - b.line).filter((entry) => !seen.has(entry.line) && seen.add(entry.line));
};

const regionFeatures = (options: {
  region: RankedRegion;
  index: number;
  topRank: number;
  failingStep: StepInfo | null;
  totalLines: number;
}): CandidateLine[] => {
  const { region, index, topRank, failingStep, totalLines } = options;
  const lines = linesOf(region);
  const causes = lines.filter((entry) => entry.score && entry.score.role !== 'summary').map((entry) => entry.line);
  const scoredLines = lines.filter((entry) => entry.score).map((entry) => entry.line);
  const best = region.best?.line ?? causes[0] ?? region.start;
  const failureLine = failingStep && region.step === failingStep.index ? failingStep.failureLine : null;
  const seen = new Set<string>();
  const span = region.end - region.start + 1;
  return lines.map((entry) => {
    const { text, score, line } = entry;
    const key = text.replace(digits, '0').trim();
    const duplicate = key.length > 0 && seen.has(key);
    seen.add(key);
    const density = scoredLines.filter((other) => other !== line && Math.abs(other - line) <= 3).length / 6;
    const order = causes.indexOf(line);
    const features = [
      score?.score ?? 0, score ? 1 : 0, score?.role === 'cause' ? 1 : 0, score?.role === 'header' ? 1 : 0,
      score?.role === 'summary' ? 1 : 0, score?.ruleId.startsWith('generic.') ? 1 : 0, line === region.best?.line ? 1 : 0,
      auxiliary.test(text) ? 1 : 0, continuation.test(text) ? 1 : 0, caption.test(text) ? 1 : 0, text.trim() === '' ? 1 : 0,
      log1p(text.length), /^\s/.test(text) ? 1 : 0, (line - region.start) / span, log1p(line - region.start), log1p(region.end - line),
      log1p(Math.abs(line - best)), line > best ? 1 : 0, order === 0 ? 1 : 0, order < 0 ? 0 : 1 / (1 + order), density,
      index === 0 ? 1 : 0, index === 1 ? 1 : 0, index === 2 ? 1 : 0, index >= 3 ? 1 : 0, Math.min(20, topRank - region.rank) / 10,
      region.base / 10, failingStep && region.step === failingStep.index ? 1 : 0, failureLine !== null && line > failureLine ? 1 : 0,
      failureLine !== null && line <= failureLine ? log1p(failureLine - line) : 0, region.kind === 'step_tail' ? 1 : 0,
      region.kind === 'log_tail' ? 1 : 0, duplicate ? 1 : 0, log1p(span), line / Math.max(1, totalLines),
      ...markers.map((marker) => (marker.test(text) ? 1 : 0)),
      line === region.start ? 1 : 0, line === region.start && index === 0 ? 1 : 0, line === region.best?.line && index === 0 ? 1 : 0,
    ];
    return { line, region: index, features };
  });
};

/** Features of every stored line of the candidate regions (ranked order), for the line ranker. */
export const extractLineFeatures = (options: {
  regions: readonly RankedRegion[];
  failingStep: StepInfo | null;
  totalLines: number;
}): CandidateLine[] => {
  const topRank = options.regions[0]?.rank ?? 0;
  return options.regions.flatMap((region, index) =>
    regionFeatures({ region, index, topRank, failingStep: options.failingStep, totalLines: options.totalLines }),
  );
};
