import { describe, expect, it } from 'vitest';
import { DiagnosisResult, EvidenceRange } from './diagnosis-result.ts';

const stored = {
  category: 'type_error',
  confidence: 0.8,
  summary: 'Type checking failed',
  rootCause: 'L31: src/index.ts(12,7): error TS2322',
  evidence: [{ start: 31, end: 33 }],
  files: [],
  failingTests: [],
  errorCodes: ['TS2322'],
  failingStep: null,
  flakySuspect: { suspected: false, reason: null },
  engine: 'heuristic',
  model: null,
  tokens: null,
  durationMs: 3,
};

describe('DiagnosisResult evidence and context', () => {
  it('accepts an evidence range of 20 lines and rejects one of 21', () => {
    expect(EvidenceRange.safeParse({ start: 10, end: 29 }).success).toBe(true);
    const wide = EvidenceRange.safeParse({ start: 10, end: 30 });
    expect(wide.success).toBe(false);
    expect(wide.error?.issues[0]?.message).toMatch(/at most 20 lines/);
    expect(DiagnosisResult.safeParse({ ...stored, evidence: [{ start: 1, end: 50 }] }).success).toBe(false);
  });

  it('still parses diagnoses stored before context existed, and takes wide context ranges', () => {
    expect(DiagnosisResult.parse(stored)).toEqual(stored);
    const withContext = { ...stored, context: [{ start: 1, end: 60 }] };
    expect(DiagnosisResult.parse(withContext)).toEqual(withContext);
  });
});
