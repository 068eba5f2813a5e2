import { createHmac } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from './verify-webhook-signature.ts';

const secret = 'a-webhook-secret-of-some-length';
const hmac = (body: Uint8Array) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

describe('verifyWebhookSignature', () => {
  it('accepts what GitHub (octokit) signs', async () => {
    const body = '{"action":"completed","zero":"\\u0000"}';
    const signature = await sign(secret, body);
    expect(verifyWebhookSignature({ body: Buffer.from(body), signature, secret })).toBe(true);
  });

  it('verifies a body whose bytes are not valid UTF-8 (signed over the raw bytes)', () => {
    // A lone continuation byte and a truncated 3-byte sequence: decoding to text would change them.
    const body = Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0x80, 0xe2, 0x82]), Buffer.from('"}')]);
    expect(Buffer.from(body.toString('utf8')).equals(body)).toBe(false);
    expect(verifyWebhookSignature({ body, signature: hmac(body), secret })).toBe(true);
    // The old approach (HMAC over the decoded text) would not have matched GitHub's signature.
    expect(hmac(Buffer.from(body.toString('utf8')))).not.toBe(hmac(body));
  });

  it('refuses a changed byte, another secret, and malformed headers', () => {
    const body = Buffer.from('{"a":1}');
    const signature = hmac(body);
    expect(verifyWebhookSignature({ body: Buffer.from('{"a":2}'), signature, secret })).toBe(false);
    expect(verifyWebhookSignature({ body, signature, secret: 'another-secret-entirely' })).toBe(false);
    for (const bad of ['', 'sha256=', 'sha1=abc', signature.slice(0, -2), `${signature}00`, 'sha256=zz'])
      expect(verifyWebhookSignature({ body, signature: bad, secret })).toBe(false);
    expect(
      verifyWebhookSignature({
        body,
        signature: signature.toUpperCase().replace('SHA256', 'sha256'),
        secret,
      }),
    ).toBe(true);
  });
});
