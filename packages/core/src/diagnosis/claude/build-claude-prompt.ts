import { redactText } from '../../redaction/redact-text.ts';
import type { LogAnalysis } from '../create-log-analyzer.ts';
import type { DiagnosisResult } from '../diagnosis-result.ts';
import type { RankedRegion } from '../rank-regions.ts';

export type ClaudePrompt = { system: string; user: string; excerptLines: number };

export const SYSTEM_PROMPT = [
  'You diagnose failed CI jobs for Suture, a self-healing CI product.',
  'You get an excerpt of a redacted CI log (each line prefixed by its line number in the original file) and the findings of an offline heuristic engine.',
  'Excerpt lines marked "|>" are the lines the offline engine holds for the cause (its evidence); the unmarked lines around them are context.',
  'Name the real root cause, not the symptom: prefer the first error that explains the failure over cascading errors, summaries and exit-code reports.',
  'The heuristic findings are hints and can be wrong; trust the log text.',
  'Evidence ranges must use the line numbers shown in the excerpt; give 1 to 3 ranges, most explanatory first, each only the lines that state the cause (at most 20 lines).',
  'Categories: compile_error, type_error, test_failure, snapshot_mismatch, lint_error, format_error, dependency_install, build_config, permission_or_secret, timeout, out_of_memory, network_or_infra, docker_build, unknown.',
  'Never repeat anything that looks like a credential. Answer only by calling the report_diagnosis tool.',
].join('\n');

const hintsOf = (heuristic: DiagnosisResult): string =>
  JSON.stringify(
    {
      category: heuristic.category,
      confidence: heuristic.confidence,
      evidence: heuristic.evidence,
      context: heuristic.context,
      failingStep: heuristic.failingStep,
      files: heuristic.files.slice(0, 10),
      failingTests: heuristic.failingTests.slice(0, 10),
      errorCodes: heuristic.errorCodes,
    },
    null,
    1,
  );

/**
 * Builds the user message: job facts, heuristic hints and an excerpt made of the best-ranked candidate regions
 * (already redacted by the analyzer), in log order, within `maxChars`.
 */
export const buildClaudePrompt = (options: { analysis: LogAnalysis; heuristic: DiagnosisResult; ranked: readonly RankedRegion[]; maxChars: number }): ClaudePrompt => {
  const { analysis, heuristic, ranked, maxChars } = options;
  const chosen = new Map<number, string>();
  let used = 0;
  for (const region of ranked.slice(0, 30)) {
    const cost = region.lines.reduce((sum, line) => sum + (chosen.has(line.line) ? 0 : line.text.length + 10), 0);
    if (used + cost > maxChars) continue;
    for (const line of region.lines) chosen.set(line.line, line.text);
    used += cost;
  }
  const numbers = [...chosen.keys()].sort((a, b) => a - b);
  const excerpt: string[] = [];
  let previous = 0;
  for (const number of numbers) {
    if (previous !== 0 && number > previous + 1) excerpt.push('…');
    const marked = heuristic.evidence.some((range) => range.start <= number && number <= range.end);
    excerpt.push(`${number}|${marked ? '>' : ' '} ${chosen.get(number) ?? ''}`);
    previous = number;
  }
  const step = analysis.failingStep;
  const user = [
    `Log: ${analysis.totalLines} lines, format ${analysis.format}.`,
    step ? `Failing step: "${step.name}" (lines ${step.startLine}-${step.endLine}, exit code ${step.exitCode ?? 'unknown'}).` : 'No failing step was identified.',
    '',
    'Offline engine findings (hints):',
    hintsOf(heuristic),
    '',
    'Log excerpt (line number | text; "|>" marks the offline evidence):',
    excerpt.join('\n') || '(no candidate lines found)',
  ].join('\n');
  // The excerpt was redacted by the analyzer; the last pass covers everything else the message quotes.
  return { system: SYSTEM_PROMPT, user: redactText({ text: user }).text, excerptLines: numbers.length };
};
