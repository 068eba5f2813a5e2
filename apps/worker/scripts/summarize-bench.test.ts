import { describe, expect, it } from 'vitest';
import { metExpectation, percentile, summarizeBench, type BenchCaseResult } from './summarize-bench.ts';

const result = (overrides: Partial<BenchCaseResult>): BenchCaseResult => ({
  id: 'case',
  expect: 'fixed',
  outcome: 'ready',
  mttrMs: 10_000,
  elapsedMs: 10_000,
  stages: {},
  ...overrides,
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 95)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([42], 95)).toBe(42);
  });

  it('is null without values', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('metExpectation', () => {
  it('wants a patch ready for approval only for fixable cases', () => {
    expect(metExpectation({ expect: 'fixed', outcome: 'ready' })).toBe(true);
    expect(metExpectation({ expect: 'fixed', outcome: 'no_fix' })).toBe(false);
    expect(metExpectation({ expect: 'not-fixed', outcome: 'flaky_infrastructure' })).toBe(true);
    expect(metExpectation({ expect: 'not-fixed', outcome: 'ready' })).toBe(false);
  });
});

describe('summarizeBench', () => {
  it('counts the fix rate and MTTR over the fixable cases only', () => {
    const totals = summarizeBench({
      wallMs: 120_000,
      results: [
        result({ id: 'a', mttrMs: 30_000 }),
        result({ id: 'b', mttrMs: 50_000 }),
        result({ id: 'c', outcome: 'no_fix', mttrMs: null }),
        result({ id: 'd', expect: 'not-fixed', outcome: 'refused', mttrMs: null }),
      ],
    });
    expect(totals).toEqual({
      cases: 4,
      ready: 2,
      fixable: 3,
      fixedOfFixable: 2,
      asExpected: 3,
      fixRate: 2 / 3,
      mttrP50Ms: 30_000,
      mttrP95Ms: 50_000,
      runsPerMinute: 2,
    });
  });
});
