import { describe, expect, it } from 'vitest';
import {
  describeProgress,
  formatStageDetail,
  isSettled,
  summarizeRuns,
  type RunSnapshot,
} from './format-run-progress.ts';

const run = (overrides: Partial<RunSnapshot>): RunSnapshot => ({
  name: 'eslint-errors',
  status: 'running',
  outcome: null,
  finishedDetail: null,
  mttrReadyMs: null,
  stages: [],
  ...overrides,
});

describe('formatStageDetail', () => {
  it('lists scalar values and rounds fractions', () => {
    expect(formatStageDetail({ category: 'lint_error', confidence: 0.91666 })).toBe(
      ' (category lint_error, confidence 0.92)',
    );
    expect(formatStageDetail({ kind: 'branch', url: null })).toBe(' (kind branch)');
    expect(formatStageDetail({ sha: 'c8aeb74ff14e71189c3e11d80714fb13f2b18b84' })).toBe(' (sha c8aeb74)');
  });

  it('is empty for nothing to show', () => {
    expect(formatStageDetail(null)).toBe('');
    expect(formatStageDetail({})).toBe('');
    expect(formatStageDetail(['a'])).toBe('');
  });
});

describe('describeProgress', () => {
  it('prints each stage once, when it finishes', () => {
    const first = run({
      stages: [
        { stage: 'context', status: 'succeeded', durationMs: 412, detail: { sha: 'abc123' } },
        { stage: 'diagnose', status: 'running', durationMs: null, detail: null },
      ],
    });
    expect(describeProgress({ previous: undefined, current: first, nameWidth: 15 })).toEqual([
      'eslint-errors    context done in 0.4 s (sha abc123)',
    ]);
    const second = run({
      stages: [
        { stage: 'context', status: 'succeeded', durationMs: 412, detail: { sha: 'abc123' } },
        { stage: 'diagnose', status: 'succeeded', durationMs: 250, detail: { category: 'lint_error' } },
      ],
    });
    expect(describeProgress({ previous: first, current: second, nameWidth: 15 })).toEqual([
      'eslint-errors    diagnose done in 0.3 s (category lint_error)',
    ]);
    expect(describeProgress({ previous: second, current: second, nameWidth: 15 })).toEqual([]);
  });

  it('announces a run ready for approval with its MTTR, and leaves the waiting approval stage out', () => {
    const ready = run({
      status: 'waiting_approval',
      mttrReadyMs: 48_200,
      stages: [{ stage: 'approval', status: 'running', durationMs: null, detail: null }],
    });
    expect(describeProgress({ previous: run({}), current: ready, nameWidth: 0 })).toEqual([
      'eslint-errors  READY FOR APPROVAL, 48.2 s after the CI failure',
    ]);
  });

  it('announces how a run ended, failed stage included', () => {
    const ended = run({
      status: 'failed',
      outcome: 'no_fix',
      finishedDetail: 'no offline fixer applies',
      stages: [{ stage: 'patch', status: 'failed', durationMs: 1000, detail: { error: 'boom' } }],
    });
    expect(describeProgress({ previous: run({}), current: ended, nameWidth: 0 })).toEqual([
      'eslint-errors  patch failed in 1.0 s (error boom)',
      'eslint-errors  finished: no_fix - no offline fixer applies',
    ]);
  });
});

describe('isSettled and summarizeRuns', () => {
  it('counts runs waiting for approval and groups the others by outcome', () => {
    const runs = [
      run({ status: 'waiting_approval' }),
      run({ status: 'waiting_approval' }),
      run({ status: 'succeeded', outcome: 'flaky_infrastructure' }),
      run({ status: 'failed', outcome: 'no_fix' }),
      run({}),
    ];
    expect(runs.map(isSettled)).toEqual([true, true, true, true, false]);
    expect(summarizeRuns(runs)).toBe(
      '2 runs waiting for approval (2 finished: 1 flaky_infrastructure, 1 no_fix; 1 still running)',
    );
    expect(summarizeRuns([run({ status: 'waiting_approval' })])).toBe('1 run waiting for approval');
  });
});
