import { describe, expect, it } from 'vitest';
import { redirectAfterSignIn } from './redirect-after-sign-in.ts';

const baseUrl = 'http://127.0.0.1:3000';
const continueTo = (to: string) => `${baseUrl}/login/continue?to=${encodeURIComponent(to)}`;

describe('redirectAfterSignIn', () => {
  it('routes every same-origin target through /login/continue', () => {
    expect(redirectAfterSignIn({ url: '/approvals', baseUrl })).toBe(continueTo('/approvals'));
    expect(redirectAfterSignIn({ url: `${baseUrl}/runs?status=failed`, baseUrl })).toBe(
      continueTo('/runs?status=failed'),
    );
    expect(redirectAfterSignIn({ url: baseUrl, baseUrl })).toBe(continueTo('/'));
  });

  it('is idempotent: the stored callback URL comes back unchanged at the callback', () => {
    const once = redirectAfterSignIn({ url: '/audit', baseUrl });
    expect(redirectAfterSignIn({ url: once, baseUrl })).toBe(once);
  });

  it('sends other origins and unparsable targets to the root, as next-auth does', () => {
    for (const url of ['https://evil.example/x', '//evil.example/', 'http://127.0.0.1:3001/runs', 'http://['])
      expect(redirectAfterSignIn({ url, baseUrl }), url).toBe(continueTo('/'));
  });
});
