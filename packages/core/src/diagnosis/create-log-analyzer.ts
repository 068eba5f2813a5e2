import { createRedactor, redactionHints } from '../redaction/create-redactor.ts';
import type { Redactor } from '../redaction/create-redactor.ts';
import { boundLongLine, MAX_LINE } from './bound-long-line.ts';
import { buildLiteralScanner } from './build-literal-scanner.ts';
import type { CandidateRegion, RegionLine } from './candidate-region.ts';
import { createLineNormalizer } from './create-line-normalizer.ts';
import { createStepTracker } from './create-step-tracker.ts';
import { matchBarePath } from './match-bare-path.ts';
import type { StepInfo } from './create-step-tracker.ts';
import type { LogFormat, NormalizedLine } from './normalized-line.ts';
import { positiveRules, triggersOf } from './rules/all-rules.ts';
import { scoreLine } from './score-line.ts';
import type { LineScore } from './score-line.ts';

export type LogAnalysis = {
  totalLines: number;
  format: LogFormat;
  steps: StepInfo[];
  failingStep: StepInfo | null;
  regions: CandidateRegion[];
  /** Failing-test headers seen anywhere, in order (bounded). */
  testHeaders: RegionLine[];
};

export type LogAnalyzer = {
  /** Feeds complete lines: `text` is one or more lines joined by "\n", without a trailing "\n". */
  pushLines: (text: string) => void;
  /** Feeds one line (no "\n"); pushLines is faster for whole chunks. */
  push: (line: string) => void;
  finish: () => LogAnalysis;
  redactor: Redactor;
};

const GAP = 3;
const MAX_REGION_LINES = 60;
const MAX_CONTINUATION = 25;
const MAX_REGIONS = 1500;
const RECENT = 12;
const TAIL_LINES = 5;
const MAX_TEST_HEADERS = 50;
const MAX_TEXT = 500;
const MAX_LOOKBACK_PATHS = 10;
const SCORE = 1;
const REDACT = 2;
const STRUCTURE = 4;

// Lines that carry on a report begun above: stack frames, code excerpts with carets, indented detail.
const continuation = /^(?:\s+\S|\s*(?:at |File "|\^|\||-->|= |Caused by|E\s|[+-] |\.\.\.|~+\s*$))/;
// Lines that name what the report below is about: numbered failures, pytest section bars, "Error:" captions.
const lookbackHeader = /^\s*(?:\d+\) \S|_{3,} |={3,} |-{3,} |\S.*:\s*$|● |✕ |× |Error:?\s*$|FAIL\b)/;
// Literals of every line that can carry CI structure: step markers, folds, exit-code reports.
const structureLiterals = ['##[', 'travis_', 'section_start', 'section_end', '$ ', 'the command "', 'exit code', 'exit status', 'exited with', 'non-zero', 'post job cleanup', '] error ', '\t20', '\t19'];

const scanner = buildLiteralScanner({
  groups: [
    { bit: SCORE, literals: [...new Set(positiveRules.flatMap(triggersOf))] },
    { bit: REDACT, literals: redactionHints },
    { bit: STRUCTURE, literals: structureLiterals },
  ],
});

// Scratch buffers shared by all analyzers: pushLines is synchronous, so no two calls ever use them at once.
let flags = new Uint8Array(0);
let ends = new Int32Array(0);

type Recent = { line: number; raw: string; text: string | null; score: LineScore | null };

/**
 * Streaming log analyzer: redaction, normalization, step tracking, line scoring and region building in one pass.
 * Its state is bounded (candidate regions, a few recent lines, the step list), whatever the size of the log.
 */
export const createLogAnalyzer = (options: { redactor?: Redactor } = {}): LogAnalyzer => {
  const redactor = options.redactor ?? createRedactor();
  const normalizer = createLineNormalizer();
  const tracker = createStepTracker();
  const regions: CandidateRegion[] = [];
  const recent: Recent[] = [];
  const testHeaders: RegionLine[] = [];
  let open: (CandidateRegion & { lastSignal: number; scoreSum: number }) | null = null;
  let lineNo = 0;

  const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);
  // Lines are slices of megabyte chunks, and a slice keeps its whole chunk alive: copy what outlives the chunk.
  const detach = (text: string): string => (` ${text}`).slice(1);
  const detachLines = (lines: RegionLine[]): RegionLine[] => lines.map((entry) => ({ ...entry, text: detach(entry.text) }));
  const textOf = (entry: Recent): string => (entry.text ??= clip(normalizer.normalize(entry.raw, entry.line).text));

  const store = (region: CandidateRegion): void => {
    regions.push(region);
    if (regions.length > MAX_REGIONS) {
      // Keep memory bounded on huge logs: drop the weakest half, keep positional order.
      const cutoff = [...regions].sort((a, b) => b.base - a.base)[Math.floor(MAX_REGIONS / 2)]?.base ?? 0;
      const kept = regions.filter((region) => region.base > cutoff || region.kind !== 'signal');
      regions.length = 0;
      regions.push(...kept.slice(-MAX_REGIONS));
    }
  };

  const close = (): void => {
    if (!open) return;
    const { lastSignal: _lastSignal, scoreSum, ...region } = open;
    region.lines = detachLines(region.lines);
    if (region.best) region.best = { ...region.best, text: detach(region.best.text) };
    while (region.lines.length > 0 && (region.lines[region.lines.length - 1]?.line ?? 0) > region.end) region.lines.pop();
    const bestScore = region.best?.score.score ?? 0;
    // A few corroborating lines help (a stack under an error); a wall of weak matches should not outweigh one clear one.
    region.base = bestScore + Math.min(2, 0.15 * Math.max(0, scoreSum - bestScore));
    store(region);
    open = null;
  };

  const vote = (region: CandidateRegion, score: LineScore): void => {
    if (score.category) region.votes[score.category] = (region.votes[score.category] ?? 0) + score.score;
  };

  const startRegion = (entry: RegionLine, score: LineScore, step: number): void => {
    const lines: RegionLine[] = [];
    // Pull in a caption line just above (a test title, "Error:"), which explains the lines that scored.
    for (let i = recent.length - 1; i >= 0 && i >= recent.length - 2; i--) {
      const previous = recent[i];
      if (!previous || entry.line - previous.line > 2 || previous.score) break;
      const text = textOf(previous);
      if (lookbackHeader.test(text)) lines.unshift({ line: previous.line, text, score: null });
    }
    // And the file list just above: ESLint's file header over its first problem, or the files an older
    // formatter lists bare before "Code style issues found in the above file(s)". Facts are read from them.
    for (let i = recent.length - 1, next = lines[0]?.line ?? entry.line; i >= 0 && lines.length < MAX_LOOKBACK_PATHS; i--) {
      const previous = recent[i];
      if (!previous || next - previous.line > 2 || previous.score || previous.line >= next) break;
      const text = textOf(previous);
      if (!matchBarePath({ text })) break;
      lines.unshift({ line: previous.line, text, score: null });
      next = previous.line;
    }
    lines.push(entry);
    open = {
      kind: 'signal', start: lines[0]?.line ?? entry.line, end: entry.line, step, base: 0,
      best: { line: entry.line, text: entry.text, score }, votes: {}, lines, lastSignal: entry.line, scoreSum: score.role === 'summary' ? 0 : score.score,
    };
    vote(open, score);
  };

  const snapshotTail = (kind: CandidateRegion['kind'], step: StepInfo | null, before: number): void => {
    const picked: RegionLine[] = [];
    const from = step?.startLine ?? 1;
    for (let i = recent.length - 1; i >= 0 && picked.length < TAIL_LINES; i--) {
      const entry = recent[i];
      if (!entry || entry.line >= before) continue;
      if (entry.line < from) break;
      if (entry.score?.role === 'summary') continue;
      const text = textOf(entry);
      if (text.trim() === '') continue;
      picked.unshift({ line: entry.line, text, score: entry.score });
    }
    const first = picked[0];
    const last = picked[picked.length - 1];
    if (!first || !last) return;
    // The exit report itself belongs to the step's tail: when the output says nothing, it is the evidence.
    const end = kind === 'step_tail' && before - last.line <= 3 ? before : last.line;
    store({ kind, start: first.line, end, lines: detachLines(picked), step: step?.index ?? tracker.current().index, base: kind === 'step_tail' ? 4 : 2, best: null, votes: {} });
  };

  const remember = (entry: Recent): void => {
    // Amortised trimming: shifting on every line costs more than the occasional splice.
    recent.push(entry);
    if (recent.length > RECENT * 4) recent.splice(0, recent.length - RECENT);
  };

  const analyzeLine = (nl: NormalizedLine, raw: string, scoreIt: boolean): void => {
    const stepsBefore = tracker.steps().length;
    const failed = tracker.observe(nl);
    const step = tracker.current().index;
    if (open && (tracker.steps().length !== stepsBefore || open.step !== step)) close();
    if (failed) snapshotTail('step_tail', failed, nl.line);
    if (nl.header || nl.text.trim() === '') {
      if (open && nl.line - open.lastSignal > GAP && nl.line - open.end > GAP) close();
      return;
    }
    const score = scoreIt || nl.annotation === 'error' ? scoreLine({ text: nl.text, annotation: nl.annotation }) : null;
    const entry: RegionLine = { line: nl.line, text: clip(nl.text), score };
    if (score) {
      if (score.role === 'header' && testHeaders.length < MAX_TEST_HEADERS) testHeaders.push({ ...entry, text: detach(entry.text) });
      if (open && nl.line - open.lastSignal <= GAP && nl.line - open.start < MAX_REGION_LINES) {
        open.lines.push(entry);
        open.end = nl.line;
        open.lastSignal = nl.line;
        if (score.role !== 'summary') open.scoreSum += score.score;
        vote(open, score);
        if (!open.best || score.score > open.best.score.score) open.best = { line: nl.line, text: entry.text, score };
      } else {
        close();
        startRegion(entry, score, step);
      }
    } else if (open) {
      const cont = continuation.test(nl.text) && nl.line - open.lastSignal <= MAX_CONTINUATION && nl.line - open.start < MAX_REGION_LINES;
      // A path alone on its line carries the report on: the next file's ESLint header, a formatter's file list.
      const listed = nl.line - open.end <= GAP && nl.line - open.start < MAX_REGION_LINES && matchBarePath({ text: nl.text }) !== null;
      if (cont || listed || nl.line - open.lastSignal <= 1) {
        open.lines.push(entry);
        open.end = nl.line;
      } else if (nl.line - open.lastSignal > GAP) {
        close();
      }
    }
    remember({ line: nl.line, raw, text: entry.text, score });
  };

  const pushLines = (text: string): void => {
    if (flags.length < text.length + 1) {
      flags = new Uint8Array(text.length + 1);
      ends = new Int32Array(text.length + 1);
    }
    const count = scanner.scan(text, flags, ends);
    let start = 0;
    for (let i = 0; i < count; i++) {
      const end = ends[i] as number;
      const flag = flags[i] as number;
      let raw = end - start > MAX_LINE ? boundLongLine({ line: text.slice(start, end) }) : text.slice(start, end);
      start = end + 1;
      lineNo += 1;
      // Redaction comes first: nothing below (normalizer, scorer, stored evidence) ever sees the raw line.
      if (flag & REDACT || redactor.pending()) raw = redactor.redactLine(raw, lineNo);
      if (flag & (SCORE | STRUCTURE) || open !== null || lineNo <= 5) {
        analyzeLine(normalizer.normalize(raw, lineNo), raw, (flag & SCORE) !== 0);
      } else if (raw.length > 0) {
        remember({ line: lineNo, raw, text: null, score: null });
      }
    }
  };

  const finish = (): LogAnalysis => {
    close();
    tracker.finish({ totalLines: lineNo, format: normalizer.format() });
    snapshotTail('log_tail', null, lineNo + 1);
    return { totalLines: lineNo, format: normalizer.format(), steps: tracker.steps(), failingStep: tracker.failingStep(), regions, testHeaders };
  };

  return { pushLines, push: pushLines, finish, redactor };
};
