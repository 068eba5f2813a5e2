import { describe, expect, it } from 'vitest';
import { outcomeOf, percentile, summarizeRuns, type RunRecord } from './summarize-runs.ts';

const run = (overrides: Partial<RunRecord>): RunRecord => ({
  createdAt: new Date('2026-11-20T10:00:00Z'),
  status: 'succeeded',
  outcome: 'branch_created',
  mttrReadyMs: 60_000,
  readyForApproval: true,
  attemptedPatch: true,
  diagnosed: true,
  flaky: false,
  feedback: null,
  ...overrides,
});

describe('percentile', () => {
  it('uses the nearest rank and is null without values', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([5], 95)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(hundred, 95)).toBe(95);
    expect(percentile(hundred, 100)).toBe(100);
  });
});

describe('outcomeOf', () => {
  it('maps outcomes and open states to chart groups', () => {
    expect(outcomeOf({ status: 'succeeded', outcome: 'pr_opened' })).toBe('fixed');
    expect(outcomeOf({ status: 'waiting_approval', outcome: null })).toBe('waiting');
    expect(outcomeOf({ status: 'running', outcome: null })).toBe('in_progress');
    expect(outcomeOf({ status: 'failed', outcome: 'refused' })).toBe('refused');
    expect(outcomeOf({ status: 'expired', outcome: 'expired' })).toBe('rejected');
    expect(outcomeOf({ status: 'failed', outcome: 'error' })).toBe('failed');
    expect(outcomeOf({ status: 'succeeded', outcome: 'flaky_infrastructure' })).toBe('flaky');
  });
});

describe('summarizeRuns', () => {
  const from = new Date('2026-11-19T00:00:00Z');
  const to = new Date('2026-11-21T12:00:00Z');

  it('computes totals with the documented definitions', () => {
    const summary = summarizeRuns({
      from,
      to,
      runs: [
        run({ mttrReadyMs: 10_000, feedback: 'correct' }),
        run({ mttrReadyMs: 30_000, feedback: 'incorrect', status: 'waiting_approval', outcome: null }),
        run({ mttrReadyMs: 20_000, feedback: 'correct' }),
        run({
          outcome: 'refused',
          status: 'failed',
          mttrReadyMs: null,
          readyForApproval: false,
        }),
        run({
          outcome: 'flaky_infrastructure',
          mttrReadyMs: null,
          readyForApproval: false,
          attemptedPatch: false,
          flaky: true,
        }),
      ],
    });
    expect(summary.totals).toEqual({
      runs: 5,
      fixed: 2,
      waiting: 1,
      mttrP50Ms: 20_000,
      mttrP95Ms: 30_000,
      accuracy: 2 / 3,
      reviewedDiagnoses: 3,
      patchSuccessRate: 3 / 4,
      attemptedPatches: 4,
      flakyFailures: 1,
      realFailures: 4,
    });
  });

  it('gives every day of the period a point, quiet days included', () => {
    const summary = summarizeRuns({
      from,
      to,
      runs: [run({ createdAt: new Date('2026-11-21T08:00:00Z') })],
    });
    expect(summary.days.map((d) => [d.day, d.runs, d.fixed])).toEqual([
      ['2026-11-19', 0, 0],
      ['2026-11-20', 0, 0],
      ['2026-11-21', 1, 1],
    ]);
    expect(summary.days[0]).toMatchObject({ mttrP50Ms: null, accuracy: null, patchSuccessRate: null });
    expect(summary.days[2]).toMatchObject({ patchSuccessRate: 1 });
  });

  it('has no rates without data rather than zero', () => {
    const summary = summarizeRuns({ from, to, runs: [] });
    expect(summary.totals.accuracy).toBeNull();
    expect(summary.totals.patchSuccessRate).toBeNull();
    expect(summary.totals.mttrP95Ms).toBeNull();
  });
});
