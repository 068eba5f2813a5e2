import { computeWilsonInterval } from './compute-wilson-interval.ts';

export type AdaptiveSettings = {
  maxRuns: number;
  /** A test is decided once its failure-rate interval lies entirely below this (passing) or above 1 - this (failing). */
  decisionThreshold: number;
  confidence: number;
};

export const defaultAdaptiveSettings: AdaptiveSettings = { maxRuns: 20, decisionThreshold: 0.3, confidence: 0.95 };

export type DecideAdaptiveStopOptions = {
  tests: { failures: number; runs: number }[];
  runsSoFar: number;
  settings: AdaptiveSettings;
};

export type AdaptiveDecision = { stop: boolean; reason: 'decided' | 'max-runs' | 'undecided' };

/**
 * Stop when every test is decided: mixed outcomes (flaky, already certain) or a Wilson interval clear of the
 * threshold on one side. With the defaults a consistent test is decided after 9 runs (0/9 -> upper 29.9%).
 */
export const decideAdaptiveStop = (options: DecideAdaptiveStopOptions): AdaptiveDecision => {
  const { settings } = options;
  if (options.runsSoFar >= settings.maxRuns) return { stop: true, reason: 'max-runs' };
  const decided = options.tests.every(({ failures, runs }) => {
    if (failures > 0 && failures < runs) return true;
    const [lo, hi] = computeWilsonInterval({ failures, runs, confidence: settings.confidence });
    return hi < settings.decisionThreshold || lo > 1 - settings.decisionThreshold;
  });
  return decided ? { stop: true, reason: 'decided' } : { stop: false, reason: 'undecided' };
};
