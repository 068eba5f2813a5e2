import { describe, expect, it } from 'vitest';
import { decideAdaptiveStop, defaultAdaptiveSettings } from './decide-adaptive-stop.ts';

const settings = defaultAdaptiveSettings;

describe('decideAdaptiveStop', () => {
  it('keeps going while a consistent test is still inside the undecided band', () => {
    expect(decideAdaptiveStop({ tests: [{ failures: 0, runs: 3 }], runsSoFar: 3, settings })).toEqual({ stop: false, reason: 'undecided' });
    expect(decideAdaptiveStop({ tests: [{ failures: 8, runs: 8 }], runsSoFar: 8, settings }).stop).toBe(false);
  });

  it('stops once every interval is clear of the threshold, or a test is already mixed', () => {
    expect(decideAdaptiveStop({ tests: [{ failures: 0, runs: 9 }, { failures: 9, runs: 9 }], runsSoFar: 9, settings })).toEqual({ stop: true, reason: 'decided' });
    expect(decideAdaptiveStop({ tests: [{ failures: 1, runs: 3 }], runsSoFar: 3, settings }).reason).toBe('decided');
  });

  it('stops at the run bound', () => {
    expect(decideAdaptiveStop({ tests: [{ failures: 0, runs: 2 }], runsSoFar: 20, settings })).toEqual({ stop: true, reason: 'max-runs' });
  });
});
