import { createSign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestAppKey } from './create-test-app-key.ts';
import { verifyAppJwt } from './verify-app-jwt.ts';

const key = createTestAppKey();
const now = Date.parse('2024-05-01T10:00:00Z');
const jwt = (claims: Record<string, unknown>, privateKey = key.privateKey): string => {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey).toString('base64url')}`;
};
const seconds = Math.floor(now / 1000);

describe('verifyAppJwt', () => {
  it('accepts a JWT shaped like the one @octokit/auth-app signs', () => {
    expect(
      verifyAppJwt({
        token: jwt({ iss: '42', iat: seconds - 30, exp: seconds + 570 }),
        publicKey: key.publicKey,
        appId: '42',
        nowMs: now,
      }),
    ).toEqual({ ok: true });
  });

  it.each([
    [
      'another key',
      jwt({ iss: '42', iat: seconds - 30, exp: seconds + 570 }, createTestAppKey().privateKey),
      /signature/,
    ],
    ['another App', jwt({ iss: '43', iat: seconds - 30, exp: seconds + 570 }), /iss/],
    ['expiry', jwt({ iss: '42', iat: seconds - 700, exp: seconds - 100 }), /exp/],
    [
      'lifetime over ten minutes',
      jwt({ iss: '42', iat: seconds - 30, exp: seconds + 3600 }),
      /too far in the future/,
    ],
    ['garbage', 'not-a-jwt', /decoded/],
  ])('rejects %s', (_name, token, reason) => {
    const result = verifyAppJwt({ token, publicKey: key.publicKey, appId: '42', nowMs: now });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(reason);
  });
});
