import { describe, expect, it } from 'vitest';
import type { RiskInput } from './score-risk.ts';
import { scoreRisk } from './score-risk.ts';

const base: RiskInput = {
  linesChanged: 2,
  files: ['src/post.ts'],
  findings: [],
  strategies: ['formatter'],
  diagnosisConfidence: 1,
  attempts: 1,
  validated: true,
};

describe('scoreRisk', () => {
  it('rates a small formatter change as trivial, with every point explained', () => {
    const risk = scoreRisk(base);
    expect(risk.score).toBe(2);
    expect(risk.reasons).toEqual([expect.objectContaining({ factor: 'strategy', points: 2 })]);
    expect(risk.score).toBe(risk.reasons.reduce((sum, reason) => sum + reason.points, 0));
  });

  it('ranks strategies formatter < linter < compiler < llm', () => {
    const scores = (['formatter', 'linter', 'compiler', 'llm'] as const).map(
      (strategy) => scoreRisk({ ...base, strategies: [strategy] }).score,
    );
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
    expect(new Set(scores).size).toBe(4);
  });

  it('grows with diff size, files, areas, retries and low confidence', () => {
    const bigger = scoreRisk({
      ...base,
      linesChanged: 60,
      files: ['src/a.ts', 'lib/b.ts', 'tools/c.ts'],
      attempts: 3,
      diagnosisConfidence: 0.4,
    });
    expect(bigger.score).toBeGreaterThan(scoreRisk(base).score);
    expect(bigger.reasons.map((reason) => reason.factor)).toEqual([
      'strategy',
      'diff size',
      'files touched',
      'areas touched',
      'diagnosis confidence',
      'validation retries',
    ]);
  });

  it('puts any blocking guardrail finding above 40', () => {
    const risk = scoreRisk({
      ...base,
      findings: [{ rule: 'test-skipped', file: 'a.test.ts', line: 1, severity: 'block', explanation: 'x' }],
    });
    expect(risk.score).toBeGreaterThan(40);
    expect(risk.reasons).toContainEqual(
      expect.objectContaining({ factor: 'guardrails (block)', points: 40 }),
    );
  });

  it('flags sensitive areas and unvalidated patches, and never leaves 0-100', () => {
    const risk = scoreRisk({
      linesChanged: 5000,
      files: [
        'src/auth/login.ts',
        'package.json',
        'test/a.test.ts',
        ...Array.from({ length: 20 }, (_, index) => `x${index}/f.ts`),
      ],
      findings: Array.from({ length: 9 }, () => ({
        rule: 'ci-config-edited',
        file: 'ci.yml',
        line: 1,
        severity: 'block' as const,
        explanation: 'x',
      })),
      strategies: ['llm'],
      diagnosisConfidence: 0,
      attempts: 9,
      validated: false,
    });
    expect(risk.score).toBe(100);
    expect(risk.reasons.filter((reason) => reason.factor === 'sensitive area')).toHaveLength(3);
  });
});
