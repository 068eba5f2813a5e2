import { describe, expect, it } from 'vitest';
import { checkBrowserWrite } from './check-browser-write.ts';

const dashboardOrigins = ['http://127.0.0.1:3000'];
const check = (method: string, headers: Record<string, string>) =>
  checkBrowserWrite({ method, headers: new Headers(headers), dashboardOrigins });
const json = { 'content-type': 'application/json' };

describe('checkBrowserWrite', () => {
  it('lets safe methods through whatever they carry', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get'])
      expect(check(method, { origin: 'http://evil.example', 'content-type': 'text/plain' })).toBeUndefined();
  });

  it('accepts a same-origin JSON write, proven by Origin or by Sec-Fetch-Site alone', () => {
    expect(check('POST', { ...json, origin: 'http://127.0.0.1:3000' })).toBeUndefined();
    expect(
      check('PUT', { ...json, origin: 'HTTP://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }),
    ).toBeUndefined();
    expect(
      check('PATCH', { 'content-type': 'application/json; charset=utf-8', 'sec-fetch-site': 'same-origin' }),
    ).toBeUndefined();
  });

  it('refuses another origin, even on the same host and site (403)', () => {
    for (const origin of [
      'http://127.0.0.1:3001',
      'https://127.0.0.1:3000',
      'http://localhost:3000',
      'null',
    ]) {
      const refusal = check('POST', { ...json, origin });
      expect(refusal?.code, origin).toBe('FORBIDDEN');
      expect(refusal?.message).toContain(
        `Origin "${origin}" is not the dashboard's origin (http://127.0.0.1:3000)`,
      );
    }
  });

  it('refuses a write that proves nothing, or whose fetch metadata says it came from elsewhere (403)', () => {
    expect(check('POST', json)?.message).toMatch(/needs an Origin header of http:\/\/127\.0\.0\.1:3000/);
    for (const site of ['same-site', 'cross-site', 'none'])
      expect(check('DELETE', { ...json, 'sec-fetch-site': site })?.code, site).toBe('FORBIDDEN');
    expect(
      check('POST', { ...json, origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-site' })?.code,
    ).toBe('FORBIDDEN');
    expect(
      checkBrowserWrite({ method: 'POST', headers: new Headers(json), dashboardOrigins: [] })?.message,
    ).toMatch(/set NEXTAUTH_URL/);
  });

  it('refuses a same-origin write that is not JSON (415): what forms and no-cors fetches send', () => {
    const origin = 'http://127.0.0.1:3000';
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      '',
    ])
      expect(check('POST', { origin, ...(type ? { 'content-type': type } : {}) })?.code, type).toBe(
        'UNSUPPORTED_MEDIA_TYPE',
      );
    expect(check('POST', { origin, 'content-type': 'text/plain' })?.message).toBe(
      'the body must be JSON: send Content-Type: application/json (got "text/plain")',
    );
  });

  it('treats any other method as a write', () => {
    expect(check('PROPFIND', { 'content-type': 'text/plain' })?.code).toBe('FORBIDDEN');
  });
});
