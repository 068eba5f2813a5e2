import { describe, expect, it } from 'vitest';
import { classifyTestVerdict } from './classify-test-verdict.ts';
import type { TestObservation } from './flakiness-types.ts';

const obs = (outcome: TestObservation['outcome'], signature: string | null = outcome === 'pass' ? null : 'sig-a'): TestObservation => ({
  runIndex: 0,
  outcome,
  signature,
  durationMs: 1,
  failureMessage: outcome === 'pass' ? null : `failed with ${signature ?? ''}`,
});

const verdictOf = (observations: TestObservation[]) => classifyTestVerdict({ name: 't', file: null, observations });

describe('classifyTestVerdict', () => {
  it('passes, fails and times out on consistent outcomes', () => {
    expect(verdictOf([obs('pass'), obs('pass'), obs('pass')]).verdict).toBe('pass');
    expect(verdictOf([obs('fail'), obs('fail'), obs('fail')]).verdict).toBe('fail');
    expect(verdictOf([obs('timeout'), obs('timeout')]).verdict).toBe('timeout');
  });

  it('calls mixed outcomes flaky and reports the failure rate with its interval', () => {
    const stats = verdictOf([obs('pass'), obs('fail'), obs('pass'), obs('fail')]);
    expect(stats.verdict).toBe('flaky');
    expect(stats).toMatchObject({ runs: 4, failures: 2, failureRate: 0.5 });
    expect(stats.interval[0]).toBeLessThan(0.5);
    expect(stats.interval[1]).toBeGreaterThan(0.5);
    expect(stats.summary).toContain('2/4 failures');
  });

  it('calls failures with differing signatures flaky, and a fail/timeout mix too', () => {
    expect(verdictOf([obs('fail', 'sig-a'), obs('fail', 'sig-b')]).verdict).toBe('flaky');
    expect(verdictOf([obs('fail'), obs('timeout')]).verdict).toBe('flaky');
  });

  it('keeps the last failure message and counts timeouts as failures', () => {
    const stats = verdictOf([obs('timeout'), obs('timeout'), obs('pass')]);
    expect(stats).toMatchObject({ failures: 2, timeouts: 2, verdict: 'flaky', lastFailureMessage: 'failed with sig-a' });
  });
});
