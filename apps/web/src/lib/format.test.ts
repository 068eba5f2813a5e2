import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration, formatPercent, humanize, shortSha } from './format.ts';

describe('format', () => {
  it('formats durations at every scale', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(7_800_000)).toBe('2 h 10 min');
    expect(formatDuration(3 * 86_400_000 + 3_600_000)).toBe('3 d 1 h');
  });

  it('formats ages relative to now', () => {
    const now = Date.parse('2026-11-26T12:00:00Z');
    expect(formatAge('2026-11-26T11:59:30Z', now)).toBe('just now');
    expect(formatAge('2026-11-26T11:55:00Z', now)).toBe('5 min ago');
    expect(formatAge('2026-11-26T09:00:00Z', now)).toBe('3 h ago');
    expect(formatAge('2026-11-20T12:00:00Z', now)).toBe('6 d ago');
  });

  it('formats ratios, shas and enum values', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(2 / 3)).toBe('67%');
    expect(formatPercent(0.5, 1)).toBe('50.0%');
    expect(shortSha('0123456789abcdef')).toBe('0123456');
    expect(humanize('waiting_approval')).toBe('waiting approval');
  });
});
