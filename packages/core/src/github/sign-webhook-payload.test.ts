import { createHmac } from 'node:crypto';
import { verify } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload } from './sign-webhook-payload.ts';

describe('signWebhookPayload', () => {
  it('produces the X-Hub-Signature-256 value GitHub would send', async () => {
    const body = JSON.stringify({ action: 'completed', workflow_run: { id: 1 } });
    const signature = await signWebhookPayload({ body, secret: 'It’s a Secret to Everybody' });
    expect(signature).toBe(
      `sha256=${createHmac('sha256', 'It’s a Secret to Everybody').update(body).digest('hex')}`,
    );
    expect(await verify('It’s a Secret to Everybody', body, signature)).toBe(true);
    expect(await verify('another secret', body, signature)).toBe(false);
  });
});
