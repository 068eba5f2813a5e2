import { describe, expect, it } from 'vitest';
import { mapGitHubError } from './map-github-error.ts';
import { redactSecrets } from './redact-secrets.ts';

describe('redactSecrets', () => {
  it('removes the token as is, as basic-auth base64 and as URL userinfo', () => {
    const token = 'ghs_abcdefghijklmnopqrstuvwxyz0123456789';
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    const text = `fatal: https://x-access-token:${token}@github.com/o/r.git\nAUTHORIZATION: basic ${basic}\nother https://u:p@host/x`;
    const clean = redactSecrets({ text, secrets: [token] });
    expect(clean).not.toContain(token);
    expect(clean).not.toContain(basic);
    expect(clean).not.toContain('u:p@');
    expect(clean).toContain('https://[REDACTED]@github.com/o/r.git');
  });

  it('is applied to messages of errors mapped from unexpected failures', () => {
    const error = mapGitHubError({
      error: new Error('boom ghs_secret_token_value'),
      operation: 'x',
      secrets: ['ghs_secret_token_value'],
      nowMs: 0,
    });
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain('ghs_secret_token_value');
  });
});
