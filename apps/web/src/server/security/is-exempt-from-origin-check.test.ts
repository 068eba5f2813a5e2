import { describe, expect, it } from 'vitest';
import { isExemptFromOriginCheck } from './is-exempt-from-origin-check.ts';

describe('isExemptFromOriginCheck', () => {
  it('exempts next-auth, signed webhooks and bearer-token routes, by exact path', () => {
    for (const path of [
      '/api/auth/signin/oidc',
      '/api/auth/callback/oidc',
      '/api/auth/signout',
      '/api/auth/session',
      '/api/auth/_log',
      '/api/github/webhooks',
      '/api/ingest',
      '/api/github/deliveries/abc-123/replay',
    ])
      expect(isExemptFromOriginCheck(path), path).toBe(true);
  });

  it('checks every cookie route, and anything that only looks like an exempt one', () => {
    for (const path of [
      '/api/runs/r1/decision',
      '/api/runs/r1/feedback',
      '/api/settings/policy',
      '/api/settings/members/m1',
      '/api/settings/repositories/x',
      '/api/auth/me',
      '/api/ingest/extra',
      '/api/ingestx',
      '/api/github/webhooks/',
      '/api/auth/signin/oidc/more',
      '/login',
    ])
      expect(isExemptFromOriginCheck(path), path).toBe(false);
  });
});
