import { describe, expect, it } from 'vitest';
import { compareCommitVerdicts } from './compare-commit-verdicts.ts';

describe('compareCommitVerdicts', () => {
  it('judges a patch by the original and patched verdicts', () => {
    expect(compareCommitVerdicts({ original: 'fail', patched: 'pass' })).toBe('fixed');
    expect(compareCommitVerdicts({ original: 'timeout', patched: 'pass' })).toBe('fixed');
    expect(compareCommitVerdicts({ original: 'fail', patched: 'fail' })).toBe('still_failing');
    expect(compareCommitVerdicts({ original: 'fail', patched: 'timeout' })).toBe('still_failing');
    expect(compareCommitVerdicts({ original: 'fail', patched: null })).toBe('still_failing');
    expect(compareCommitVerdicts({ original: 'fail', patched: 'flaky' })).toBe('flaky');
    expect(compareCommitVerdicts({ original: 'flaky', patched: 'pass' })).toBe('flaky');
    expect(compareCommitVerdicts({ original: 'pass', patched: 'pass' })).toBe('not_reproduced');
    expect(compareCommitVerdicts({ original: 'pass', patched: 'fail' })).toBe('not_reproduced');
  });
});
