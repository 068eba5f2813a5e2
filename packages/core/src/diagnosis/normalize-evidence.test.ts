import { describe, expect, it } from 'vitest';
import { normalizeEvidence } from './normalize-evidence.ts';

describe('normalizeEvidence', () => {
  it('cuts a wide range to 20 lines around the offline evidence it overlaps, keeping the wide range as context', () => {
    const shaped = normalizeEvidence({ ranges: [{ start: 100, end: 180 }], anchors: [{ start: 150, end: 153 }], totalLines: 400 });
    expect(shaped.evidence).toEqual([{ start: 148, end: 167 }]);
    expect(shaped.context).toEqual([{ start: 136, end: 179 }]);
  });

  it('starts at the top of a wide range with no offline evidence in it, and leaves short ranges alone', () => {
    const shaped = normalizeEvidence({ ranges: [{ start: 10, end: 90 }, { start: 200, end: 203 }], anchors: [{ start: 500, end: 501 }], totalLines: 600 });
    expect(shaped.evidence).toEqual([{ start: 10, end: 29 }, { start: 200, end: 203 }]);
    shaped.evidence.forEach((range, index) => {
      const around = shaped.context[index];
      expect(around && around.start <= range.start && range.end <= around.end).toBe(true);
    });
  });
});
