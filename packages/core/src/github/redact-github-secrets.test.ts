import { describe, expect, it } from 'vitest';
import { redactText } from '../redaction/redact-text.ts';
import { mapGitHubError } from './map-github-error.ts';

// git and the GitHub client clean their output with the one redactor, handing it the tokens they hold.
describe('redaction of known GitHub secrets', () => {
  it('removes the token as is, as basic-auth base64 and as URL userinfo', () => {
    const token = 'ghs_abcdefghijklmnopqrstuvwxyz0123456789';
    const basic = Buffer.from(`x-access-token:${token}`).toString('base64');
    const text = `fatal: https://x-access-token:${token}@github.com/o/r.git\nAUTHORIZATION: basic ${basic}\nother https://u:p@host/x`;
    const clean = redactText({ text, secrets: [token] }).text;
    expect(clean).not.toContain(token);
    expect(clean).not.toContain(basic);
    expect(clean).not.toContain('u:p@');
    expect(clean).toContain('https://x-access-token:[REDACTED:masked_value]@github.com/o/r.git');
    expect(clean.split('\n')).toHaveLength(3);
  });

  it('masks a known token that matches no pattern, in base64 inside a longer value too', () => {
    const token = 'plain-installation-secret-4711';
    const docker = Buffer.from(`ci-bot:${token}`).toString('base64');
    const clean = redactText({ text: `echo ${token}\n{"auths":{"ghcr.io":{"auth":"${docker}"}}}`, secrets: [token] }).text;
    expect(clean).not.toContain(token);
    expect(clean).not.toContain(docker);
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
