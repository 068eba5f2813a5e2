import type { CandidateRegion, RegionLine } from './candidate-region.ts';
import { classifyFailure } from './classify-failure.ts';
import type { LogAnalysis } from './create-log-analyzer.ts';
import type { DiagnosisResult, FailingStep } from './diagnosis-result.ts';
import { describePrimaryError } from './describe-primary-error.ts';
import { extractFacts } from './extract-facts.ts';
import { loadLineRanker } from './line-ranker-model.ts';
import { CANDIDATE_REGIONS, contextOf, pickEvidenceLines } from './pick-evidence-lines.ts';
import { pickEvidence } from './pick-evidence.ts';
import { rankRegions } from './rank-regions.ts';
import type { RankedRegion } from './rank-regions.ts';

// Parsed once: a malformed or stale weights file fails at load, not on the first log.
const lineRanker = loadLineRanker();

export type HeuristicDiagnosis = { result: DiagnosisResult; evidenceRegions: RankedRegion[]; ranked: RankedRegion[] };

const categoryLabels: Record<DiagnosisResult['category'], string> = {
  compile_error: 'Compilation failed',
  type_error: 'Type checking failed',
  test_failure: 'Tests failed',
  snapshot_mismatch: 'Snapshot tests failed',
  lint_error: 'Lint failed',
  format_error: 'Formatting check failed',
  dependency_install: 'Dependency installation failed',
  build_config: 'Build configuration is broken',
  permission_or_secret: 'A permission or secret is missing',
  timeout: 'The job timed out',
  out_of_memory: 'The job ran out of memory',
  network_or_infra: 'A network or infrastructure problem broke the job',
  docker_build: 'The Docker build failed',
  unknown: 'The job failed',
};

const flakyHint = /\b(?:flaky|intermittent|ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up|rate limit|toomanyrequests|50[234]\b|Connection (?:reset|refused|timed out)|Read timed out|TLS handshake timeout|temporarily unavailable|lost communication|shutdown signal)/i;

const oneLine = (text: string, max: number): string => {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};

// Lines that score because they name the tool or the rule, yet are not the error: rustc's `= help:`/`= note:`
// and `help:` notes (clippy's "for further information visit ...rust-clippy..."), and the command echo
// (`$ npm run lint`, npm's `> eslint .`, `##[group]Run ...`, `[command]...`). The error line is the cause.
// Code frames (`> 12 | expect(x)`) are not echoes.
const auxiliaryLine = /^\s*(?:=\s*(?:help|note|suggestion)\b|(?:help|note|suggestion):\s|\$\s+\S|>\s+(?!\d+\s*\|)\S|##\[(?:group|command)\]|\[command\])/;
const isAuxiliary = (line: RegionLine): boolean => auxiliaryLine.test(line.text);

const causeLines = (region: CandidateRegion | undefined): RegionLine[] => {
  if (!region) return [];
  const scored = region.lines.filter((line) => line.score && line.score.role !== 'summary');
  // Auxiliary lines only fill the slots the real error lines leave free, whatever they scored.
  const ordered = [...(scored.length > 0 ? scored : region.lines)].sort(
    (a, b) => Number(isAuxiliary(a)) - Number(isAuxiliary(b)) || (b.score?.score ?? 0) - (a.score?.score ?? 0),
  );
  return ordered.slice(0, 3).sort((a, b) => a.line - b.line);
};

/** Turns the analyzer's findings into a DiagnosisResult (engine `heuristic`). */
export const buildHeuristicResult = (options: { analysis: LogAnalysis; durationMs: number }): HeuristicDiagnosis => {
  const { analysis } = options;
  const ranked = rankRegions({ regions: analysis.regions, steps: analysis.steps, failingStep: analysis.failingStep, totalLines: analysis.totalLines });
  // The region ranker proposes where the cause is; the line model cuts each proposal down to the lines that state it.
  const candidates = pickEvidence({ ranked, limit: CANDIDATE_REGIONS });
  const picked = pickEvidenceLines({ candidates, failingStep: analysis.failingStep, totalLines: analysis.totalLines, model: lineRanker });
  const evidenceRegions = picked.regions;
  const { category, confidence } = classifyFailure({ evidence: evidenceRegions, regions: analysis.regions, failingStep: analysis.failingStep });
  // A compiler's cascade is named after the error it follows from, wherever the evidence starts; its file comes first.
  const primary = describePrimaryError({ analysis, category });
  const primaryLine = primary ? [{ line: primary.primary.line, text: primary.primary.text, score: null }] : [];
  const facts = extractFacts({ lines: [...primaryLine, ...evidenceRegions.flatMap((region) => region.lines)], testHeaders: analysis.testHeaders });

  const step = analysis.failingStep;
  const failingStep: FailingStep | null = step
    ? { name: step.name, exitCode: step.exitCode, startLine: step.startLine, endLine: step.endLine, ...(step.command ? { command: step.command } : {}) }
    : null;

  const top = evidenceRegions[0];
  const causes = causeLines(top);
  const quotable = causes.filter((line) => !isAuxiliary(line));
  const strongest = [...quotable].sort((a, b) => (b.score?.score ?? 0) - (a.score?.score ?? 0))[0];
  const headline = quotable.find((line) => line.line === top?.best?.line) ?? strongest ?? causes[0];
  const where = step ? ` in step "${oneLine(step.name, 80)}"${step.exitCode !== null ? ` (exit code ${step.exitCode})` : ''}` : '';
  const detail = primary
    ? `: ${primary.further ? `${oneLine(primary.primary.text, 160).replace(/\.$/, '')}; ${primary.further}` : oneLine(primary.primary.text, 160)}`
    : headline ? `: ${oneLine(headline.text, 160)}` : '';
  const summary = `${categoryLabels[category]}${where}${detail}`;
  const independent = primary ? causes.filter((line) => line.line !== primary.primary.line && !primary.secondaryLines.has(line.line)) : causes;
  const quoted = [...(primary ? [primary.primary] : []), ...independent].map((line) => `L${line.line}: ${oneLine(line.text, 240)}`);
  const rootCause = quoted.length > 0 ? [...quoted, ...(primary?.further ? [`${primary.further}.`] : [])].join('\n') : 'No failure message was found in the log.';

  const evidenceText = evidenceRegions.flatMap((region) => region.lines.map((line) => line.text)).join('\n');
  const flakyMatch = flakyHint.exec(evidenceText);
  const flaky = category === 'network_or_infra' || category === 'timeout' || flakyMatch !== null;
  const flakyReason = !flaky
    ? null
    : flakyMatch
      ? `The evidence mentions "${flakyMatch[0]}", which usually comes from the environment rather than the change.`
      : `A ${category} failure usually comes from the environment rather than the change.`;

  const tail = { start: Math.max(1, analysis.totalLines - 9), end: Math.max(1, analysis.totalLines) };
  const evidence = picked.evidence.length > 0 ? picked.evidence : [tail];
  const context = picked.evidence.length > 0 ? picked.context : [contextOf({ evidence: tail, totalLines: analysis.totalLines })];

  const result: DiagnosisResult = {
    category,
    confidence: evidenceRegions.length > 0 ? confidence : 0.05,
    summary,
    rootCause,
    evidence,
    context,
    files: facts.files,
    failingTests: facts.failingTests,
    errorCodes: primary ? [...new Set([...primary.codes, ...facts.errorCodes])].slice(0, 20) : facts.errorCodes,
    failingStep,
    flakySuspect: { suspected: flaky, reason: flakyReason },
    engine: 'heuristic',
    model: null,
    tokens: null,
    durationMs: options.durationMs,
  };
  return { result, evidenceRegions, ranked };
};
