import { createHmac, timingSafeEqual } from 'node:crypto';

const SIGNATURE = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks GitHub's X-Hub-Signature-256 over the body's exact bytes. GitHub signs the bytes it sends; decoding
 * them as UTF-8 first would replace invalid sequences with U+FFFD and turn a genuine delivery into a 401.
 * The comparison is constant-time over the fixed-length digest, so a forger learns nothing from timing.
 */
export const verifyWebhookSignature = (options: {
  body: Uint8Array;
  signature: string;
  secret: string;
}): boolean => {
  const match = SIGNATURE.exec(options.signature.trim());
  if (!match) return false;
  const expected = createHmac('sha256', options.secret).update(options.body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
};
