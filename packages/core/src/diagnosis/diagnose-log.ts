import { performance } from 'node:perf_hooks';
import { analyzeLog } from './analyze-log.ts';
import { buildHeuristicResult } from './build-heuristic-result.ts';
import type { DiagnosisResult } from './diagnosis-result.ts';

/** Offline diagnosis of one CI log held in memory (engine `heuristic`, no network). */
export const diagnoseLog = (options: { text: string }): DiagnosisResult => {
  const started = performance.now();
  const { analysis } = analyzeLog({ text: options.text });
  const durationMs = Math.round((performance.now() - started) * 10) / 10;
  return buildHeuristicResult({ analysis, durationMs }).result;
};
