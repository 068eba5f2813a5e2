import { describe, expect, it } from 'vitest';
import { parseSameSitePath } from './parse-same-site-path.ts';

describe('parseSameSitePath', () => {
  it('keeps paths on this dashboard, with their query and fragment', () => {
    expect(parseSameSitePath('/')).toBe('/');
    expect(parseSameSitePath('/runs?status=failed#top')).toBe('/runs?status=failed#top');
    expect(parseSameSitePath('/approvals/../runs')).toBe('/runs');
  });

  it('refuses anything that resolves to another origin or is no path', () => {
    for (const value of [
      '//evil.example/',
      '/\\evil.example/',
      '/\t/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      'runs',
      '',
      null,
      undefined,
    ])
      expect(parseSameSitePath(value), String(value)).toBeUndefined();
  });
});
