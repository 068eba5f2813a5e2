import { describe, expect, it } from 'vitest';
import { scoreLine } from '../score-line.ts';
import { noiseRules, positiveRules, triggersOf } from './all-rules.ts';

describe('line rules', () => {
  it('have unique ids and at least one example each', () => {
    const ids = [...positiveRules, ...noiseRules].map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of [...positiveRules, ...noiseRules]) expect(rule.examples.length, rule.id).toBeGreaterThan(0);
  });

  it('match their own examples, and every example contains a trigger', () => {
    for (const rule of [...positiveRules, ...noiseRules]) {
      for (const example of rule.examples) {
        const lower = example.toLowerCase();
        expect(triggersOf(rule).some((trigger) => lower.includes(trigger)), `${rule.id} trigger in ${example}`).toBe(true);
        expect(rule.pattern.test(example), `${rule.id} matches ${example}`).toBe(true);
      }
    }
  });

  it('score every cause example of a specific rule above zero', () => {
    for (const rule of positiveRules.filter((r) => r.role !== 'summary' && !r.id.startsWith('generic.'))) {
      for (const example of rule.examples) expect(scoreLine({ text: example })?.score ?? 0, `${rule.id}: ${example}`).toBeGreaterThan(0);
    }
  });
});

describe('scoreLine', () => {
  it('ranks a compiler diagnostic above a generic mention of "error"', () => {
    const tsc = scoreLine({ text: "src/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'." });
    const generic = scoreLine({ text: 'retrying after error' });
    expect(tsc?.category).toBe('type_error');
    expect(tsc?.score).toBeGreaterThan(generic?.score ?? 0);
  });

  it('treats exit-code reports as summaries, not causes', () => {
    expect(scoreLine({ text: 'ERROR: "lint" exited with 1.' })?.role).toBe('summary');
    expect(scoreLine({ text: 'Process completed with exit code 1.', annotation: 'error' })?.role).toBe('summary');
  });

  it('ignores lines that only look alarming', () => {
    expect(scoreLine({ text: 'Tests run: 12, Failures: 0, Errors: 0, Skipped: 0' })).toBeNull();
    expect(scoreLine({ text: '  ✓ handles error responses (3 ms)' })).toBeNull();
    expect(scoreLine({ text: 'gcc -Wall -Werror -O2 -c src/error.c' })).toBeNull();
    expect(scoreLine({ text: 'Downloading error_prone_annotations-2.3.4.jar' })).toBeNull();
    expect(scoreLine({ text: 'Installing dependencies' })).toBeNull();
  });

  it('keeps a non-zero count even when another count on the line is zero', () => {
    expect(scoreLine({ text: '[ERROR] Tests run: 5, Failures: 1, Errors: 0, Skipped: 0' })?.category).toBe('test_failure');
  });

  it('scores GitHub error annotations even without failure words', () => {
    expect(scoreLine({ text: 'The process was stopped by the user', annotation: 'error' })?.score).toBeGreaterThanOrEqual(6);
  });
});
