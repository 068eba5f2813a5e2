import { describe, expect, it } from 'vitest';
import { buildSecurityHeaders } from './build-security-headers.ts';

const directives = (csp: string) =>
  new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

describe('buildSecurityHeaders', () => {
  it('allows only nonce-carrying scripts, never inline or eval in production, and no framing', () => {
    const headers = buildSecurityHeaders({ nonce: 'bm9uY2Ux', https: false, development: false });
    const csp = directives(headers['content-security-policy']!);
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-bm9uY2Ux'", "'strict-dynamic'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'nonce-bm9uY2Ux'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(headers).toMatchObject({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'same-origin',
    });
    expect(headers['strict-transport-security']).toBeUndefined();
  });

  it('adds https-only headers on https and what next dev needs in development', () => {
    const https = buildSecurityHeaders({ nonce: 'n', https: true, development: false });
    expect(directives(https['content-security-policy']!).has('upgrade-insecure-requests')).toBe(true);
    expect(https['strict-transport-security']).toBe('max-age=31536000');
    const dev = directives(
      buildSecurityHeaders({ nonce: 'n', https: false, development: true })['content-security-policy']!,
    );
    expect(dev.get('script-src')).toContain("'unsafe-eval'");
    expect(dev.get('script-src')).not.toContain("'unsafe-inline'");
  });
});
