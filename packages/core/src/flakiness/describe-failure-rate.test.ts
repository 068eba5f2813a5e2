import { describe, expect, it } from 'vitest';
import { computeWilsonInterval } from './compute-wilson-interval.ts';
import { describeFailureRate } from './describe-failure-rate.ts';

const describeCounts = (failures: number, runs: number): string =>
  describeFailureRate({ failures, runs, interval: computeWilsonInterval({ failures, runs }), confidence: 0.95 });

describe('describeFailureRate', () => {
  it('states the Wilson upper bound, rounded up, when nothing failed', () => {
    expect(describeCounts(0, 10)).toBe('0/10 failures: failure rate below 28% at 95% (Wilson)');
  });

  it('states the lower bound, rounded down, when everything failed', () => {
    expect(describeCounts(10, 10)).toBe('10/10 failures: failure rate above 72% at 95% (Wilson)');
  });

  it('states both bounds for mixed outcomes and admits no runs', () => {
    expect(describeCounts(5, 10)).toBe('5/10 failures: failure rate between 23% and 77% at 95% (Wilson)');
    expect(describeCounts(0, 0)).toBe('0/0 failures: no runs, failure rate unknown');
  });
});
