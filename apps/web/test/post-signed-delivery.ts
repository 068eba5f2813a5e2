// Posts one webhook delivery as GitHub would: the body's exact bytes, signed over those bytes.
import { createHmac, randomUUID } from 'node:crypto';

export const signBytes = (secret: string, body: Uint8Array) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export const postDelivery = async (options: {
  baseUrl: string;
  event: string;
  body: Uint8Array;
  deliveryId?: string;
  /** undefined: no X-Hub-Signature-256 header. */
  signature?: string;
}): Promise<{ status: number; text: string; deliveryId: string }> => {
  const deliveryId = options.deliveryId ?? randomUUID();
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-github-event': options.event,
    'x-github-delivery': deliveryId,
  };
  if (options.signature !== undefined) headers['x-hub-signature-256'] = options.signature;
  const response = await fetch(`${options.baseUrl}/api/github/webhooks`, {
    method: 'POST',
    headers,
    body: options.body as Uint8Array<ArrayBuffer>,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, text: await response.text(), deliveryId };
};
