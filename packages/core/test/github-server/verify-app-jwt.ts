import { verify } from 'node:crypto';

export type JwtCheck = { ok: true } | { ok: false; reason: string };

const decode = (part: string): unknown => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

/**
 * Checks an App JWT the way GitHub does: RS256 signature by the App's key, iss = App id, not expired,
 * issued no later than a minute from now, and valid for at most ten minutes.
 */
export const verifyAppJwt = (options: {
  token: string;
  publicKey: string;
  appId: string;
  nowMs: number;
}): JwtCheck => {
  const parts = options.token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'A JSON web token could not be decoded' };
  const [header, payload, signature] = parts as [string, string, string];
  try {
    const head = decode(header) as { alg?: string };
    if (head.alg !== 'RS256') return { ok: false, reason: `Unsupported JWT algorithm ${String(head.alg)}` };
    const valid = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      options.publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!valid) return { ok: false, reason: 'JWT signature does not match the App public key' };
    const claims = decode(payload) as { iss?: string | number; iat?: number; exp?: number };
    const now = Math.floor(options.nowMs / 1000);
    if (String(claims.iss) !== options.appId)
      return { ok: false, reason: `JWT iss ${String(claims.iss)} is not this App` };
    if (typeof claims.iat !== 'number' || claims.iat > now + 60)
      return {
        ok: false,
        reason: "'Issued at' claim ('iat') must be an Integer representing a time in the past",
      };
    if (typeof claims.exp !== 'number' || claims.exp <= now)
      return { ok: false, reason: "'Expiration time' claim ('exp') is too far in the past" };
    if (claims.exp - claims.iat > 600)
      return { ok: false, reason: "'Expiration time' claim ('exp') is too far in the future" };
    return { ok: true };
  } catch {
    return { ok: false, reason: 'A JSON web token could not be decoded' };
  }
};
