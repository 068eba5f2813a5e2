import { describe, expect, it } from 'vitest';
import { redactText } from '../redact-text.ts';
import { generateCorpus } from './generate-corpus.ts';
import { falsePositiveRateOf, leaks, recallOf, scoreCorpus } from './score-corpus.ts';

// The corpus is generated at test time from a fixed seed: vendor-format secrets in CI log contexts, and look-alikes.
const corpus = generateCorpus({ seed: 12 });
const score = scoreCorpus({ corpus, redact: (text) => redactText({ text }).text });

describe('redaction on the generated corpus', () => {
  it('is a corpus worth scoring: 40+ secret kinds in 50+ contexts, hundreds of look-alikes, both splits', () => {
    expect(score.byKind.size).toBeGreaterThanOrEqual(40);
    expect(new Set(corpus.positives.map((p) => p.template)).size).toBeGreaterThanOrEqual(50);
    expect(corpus.negatives.length).toBeGreaterThanOrEqual(300);
    expect(score.bySplit.test.cases).toBeGreaterThan(300);
    expect(score.bySplit.test.negatives).toBeGreaterThan(40);
  });

  it('redacts at least 99% of the secrets', () => {
    expect(recallOf(score.overall), JSON.stringify(score.misses.slice(0, 5), null, 1)).toBeGreaterThanOrEqual(0.99);
  });

  it('alters at most 3% of the look-alikes', () => {
    expect(falsePositiveRateOf(score.overall), JSON.stringify(score.falsePositives.slice(0, 5), null, 1)).toBeLessThanOrEqual(0.03);
  });

  it('keeps every line count and leaves at most 3% of the non-secret lines beside a secret changed', () => {
    for (const item of corpus.positives) expect(redactText({ text: item.lines.join('\n') }).text.split('\n')).toHaveLength(item.lines.length);
    expect(score.collateral.altered / score.collateral.lines).toBeLessThanOrEqual(0.03);
  });

  it('counts a half-masked secret as a leak', () => {
    const secret = 'Abcdefghijklmnopqrstuvwxyz0123456789';
    expect(leaks(`token=[REDACTED]${secret.slice(18)}`, secret)).toBe(true);
    expect(leaks('token=[REDACTED:github_token]', secret)).toBe(false);
  });
});
