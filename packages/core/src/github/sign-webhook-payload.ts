import { sign } from '@octokit/webhooks-methods';

/**
 * The X-Hub-Signature-256 header value ("sha256=<hex>") GitHub would send for this exact body. For tests
 * and benchmarks that post webhooks; the body must be the bytes that go on the wire.
 */
export const signWebhookPayload = async (options: { body: string; secret: string }): Promise<string> =>
  sign(options.secret, options.body);
