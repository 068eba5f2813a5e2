import { describe, expect, it } from 'vitest';
import { findDashboardOrigins, isHttpsDashboard } from './find-dashboard-origins.ts';

const find = (
  env: { NEXTAUTH_URL?: string; AUTH_TRUST_HOST?: 'true' | '1' | 'false' | '0' },
  headers: Record<string, string>,
) => findDashboardOrigins({ env, headers: new Headers(headers) });

describe('findDashboardOrigins', () => {
  it('is NEXTAUTH_URL alone when it is set, whatever the request says', () => {
    expect(find({ NEXTAUTH_URL: 'https://Suture.Example.com/base/' }, { host: 'evil.example' })).toEqual([
      'https://suture.example.com',
    ]);
  });

  it('reads the forwarded host and protocol as next-auth does with AUTH_TRUST_HOST', () => {
    expect(
      find(
        { AUTH_TRUST_HOST: 'true' },
        { host: '10.0.0.5:3000', 'x-forwarded-host': 'ci.example, proxy', 'x-forwarded-proto': 'https' },
      ),
    ).toEqual(['https://ci.example']);
    expect(find({ AUTH_TRUST_HOST: '1' }, { host: '127.0.0.1:4000', 'x-forwarded-proto': 'http' })).toEqual([
      'http://127.0.0.1:4000',
    ]);
    // next-auth: anything but "http" is https.
    expect(find({ AUTH_TRUST_HOST: 'true' }, { host: '127.0.0.1:4000' })).toEqual(['https://127.0.0.1:4000']);
  });

  it('falls back to the Host header on either scheme, and to nothing without one', () => {
    expect(
      find({ AUTH_TRUST_HOST: 'false' }, { host: 'Dash:8080', 'x-forwarded-host': 'evil.example' }),
    ).toEqual(['http://dash:8080', 'https://dash:8080']);
    expect(find({}, {})).toEqual([]);
  });

  it('calls the dashboard https only when every origin it answers as is https', () => {
    expect(isHttpsDashboard(['https://a'])).toBe(true);
    expect(isHttpsDashboard(['http://a', 'https://a'])).toBe(false);
    expect(isHttpsDashboard([])).toBe(false);
  });
});
