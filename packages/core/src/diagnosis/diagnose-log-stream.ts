import { performance } from 'node:perf_hooks';
import { analyzeLogStream } from './analyze-log-stream.ts';
import { buildHeuristicResult } from './build-heuristic-result.ts';
import { diagnoseWithClaude } from './claude/diagnose-with-claude.ts';
import type { ClaudeEngineOptions } from './claude/diagnose-with-claude.ts';
import type { DiagnosisResult } from './diagnosis-result.ts';

/**
 * Diagnoses a log of any size from a byte stream: offline analysis in bounded memory, then Claude when it is
 * configured (falling back to the offline result, with the reason, if Claude fails).
 */
export const diagnoseLogStream = async (options: { input: AsyncIterable<Buffer | string>; claude?: ClaudeEngineOptions | null }): Promise<DiagnosisResult> => {
  const startedAt = performance.now();
  const { analysis } = await analyzeLogStream({ input: options.input });
  const heuristic = buildHeuristicResult({ analysis, durationMs: Math.round(performance.now() - startedAt) });
  if (!options.claude) return heuristic.result;
  return diagnoseWithClaude({ analysis, heuristic, claude: options.claude, startedAt });
};
