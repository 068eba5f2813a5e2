import { describe, expect, it } from 'vitest';
import { computeWilsonInterval, normalQuantile } from './compute-wilson-interval.ts';

describe('computeWilsonInterval', () => {
  it('gives [0, 0.2775] for 0 failures in 10 runs at 95%', () => {
    const [lo, hi] = computeWilsonInterval({ failures: 0, runs: 10 });
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.2775, 4);
  });

  it('mirrors 10/10 and stays symmetric around one half at 5/10', () => {
    const [lo, hi] = computeWilsonInterval({ failures: 10, runs: 10 });
    expect(hi).toBe(1);
    expect(lo).toBeCloseTo(0.7225, 4);
    const [a, b] = computeWilsonInterval({ failures: 5, runs: 10 });
    expect(a + b).toBeCloseTo(1, 10);
    expect(a).toBeCloseTo(0.2366, 4);
  });

  it('narrows with more runs and widens with more confidence', () => {
    const ten = computeWilsonInterval({ failures: 0, runs: 10 })[1];
    const hundred = computeWilsonInterval({ failures: 0, runs: 100 })[1];
    const strict = computeWilsonInterval({ failures: 0, runs: 10, confidence: 0.99 })[1];
    expect(hundred).toBeLessThan(ten);
    expect(strict).toBeGreaterThan(ten);
  });

  it('returns the whole range with no runs and rejects impossible counts', () => {
    expect(computeWilsonInterval({ failures: 0, runs: 0 })).toEqual([0, 1]);
    expect(() => computeWilsonInterval({ failures: 3, runs: 2 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => computeWilsonInterval({ failures: 0, runs: 2, confidence: 1 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('uses the standard normal quantile', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.995)).toBeCloseTo(2.575829, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });
});
