import { describe, expect, it } from 'vitest';
import { redactText } from './redact-text.ts';

// Fake credentials are assembled at run time so that no secret-shaped literal sits in the repository
// (push protection and secret scanners would rightly flag one).
const join = (...parts: string[]): string => parts.join('');
const githubToken = join('gh', 'p_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8');
const fineGrained = join('github', '_pat_', '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRS');
const awsKey = join('AK', 'IA', 'IOSFODNN7EXAMPLE');
const slack = join('xo', 'xb-', '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx');
const stripe = join('sk', '_live_', '4eC39HqLyjWDarjtT1zdp7dc');
const jwt = join('eyJ', 'hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJ', 'zdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ', '.', 'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c');

const redactedKinds = (text: string): string[] => redactText({ text }).redactions.map((r) => r.kind);

describe('redactText: secrets are removed', () => {
  it.each([
    ['GitHub classic token', `git push https://${githubToken}@github.com/acme/app.git`, githubToken, 'github_token'],
    ['GitHub fine-grained token', `GH_TOKEN=${fineGrained}`, fineGrained, 'github_token'],
    ['AWS access key id', `aws_access_key_id = ${awsKey}`, awsKey, 'aws_access_key'],
    ['Slack token', `curl -H "x: ${slack}" https://slack.invalid`, slack, 'slack_token'],
    ['Stripe secret key', `STRIPE=${stripe}`, stripe, 'stripe_key'],
    ['JWT', `cookie: session=${jwt}`, jwt, 'jwt'],
    ['bearer header', 'Authorization: Bearer abc123.DEF456-ghi789_jkl', 'abc123.DEF456-ghi789_jkl', 'auth_header'],
    ['basic header', 'curl -H "Authorization: Basic dXNlcjpwYXNzd29yZDEyMw==" https://x.invalid', 'dXNlcjpwYXNzd29yZDEyMw==', 'auth_header'],
    ['URL credentials', 'Cloning https://deploy:s3cr3tPassw0rd@git.example.com/repo.git', 's3cr3tPassw0rd', 'url_credentials'],
    ['NAME=value password', 'export DB_PASSWORD=hunter2hunter2', 'hunter2hunter2', 'secret_assignment'],
    ['quoted JSON secret', '{"client_secret": "Zx9-qv71-LmN0-ppQ2"}', 'Zx9-qv71-LmN0-ppQ2', 'secret_assignment'],
    ['CLI flag', 'docker login --password Pa55w0rdValue --username ci', 'Pa55w0rdValue', 'secret_assignment'],
    ['high-entropy value beside a name', 'generated secret q8Vz3LmP0wX7rT2nB5yK9sD4 for the run', 'q8Vz3LmP0wX7rT2nB5yK9sD4', 'high_entropy'],
    ['email address', 'Author: Jane Doe <jane.doe@example.com>', 'jane.doe@example.com', 'email'],
  ])('%s', (_name, line, secret, kind) => {
    const { text, redactions } = redactText({ text: `first line\n${line}\nlast line` });
    expect(text).not.toContain(secret);
    expect(text.split('\n')).toHaveLength(3);
    expect(redactions).toContainEqual({ kind, line: 2 });
  });

  it('removes a multi-line private key block and keeps the line count', () => {
    const block = ['-----BEGIN RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA7bq9', 'c2VjcmV0LWtleS1tYXRlcmlhbA==', '-----END RSA PRIVATE KEY-----'];
    const input = ['echo key', ...block, 'done'].join('\n');
    const { text, redactions } = redactText({ text: input });
    expect(text.split('\n')).toHaveLength(6);
    expect(text).not.toContain('MIIEowIBAAKCAQEA7bq9');
    expect(text).not.toContain('c2VjcmV0LWtleS1tYXRlcmlhbA==');
    expect(text.split('\n')[5]).toBe('done');
    expect(redactions.filter((r) => r.kind === 'private_key').map((r) => r.line)).toEqual([2, 3, 4, 5]);
  });

  it('removes a private key embedded on one line with escaped newlines', () => {
    const { text } = redactText({ text: 'KEY="-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----"' });
    expect(text).not.toContain('MIIEvQIBADANBgkqhkiG9w0BAQEFAASC');
  });
});

describe('redactText: ordinary CI output is left alone', () => {
  it.each([
    ['commit SHA', 'HEAD is now at 3f5e9b2c1d4a6e8f0b7c9d2e4f6a8b0c1d3e5f7a Merge pull request #12'],
    ['UUID', 'Worker ID: {ca4ef546-6882-4621-9b9b-d54900913080}'],
    ['lockfile integrity hash', '"integrity": "sha512-Q2y7Cy3Yx1xV+ZvU9xV5w9L5b1Y3aZ0lU7yKk0nYzQh0z8J9u0s6tZqA7xX1Qy0v5Q2b3c4d5e6f7g8h9i0j1k2l==",'],
    ['base64 image', 'background: url(data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==);'],
    ['package@version', 'npm ERR! notarget No matching version found for left-pad@9.9.9.'],
    ['scoped package', 'added @types/node@20.19.43 and @babel/core@7.24.0'],
    ['masked secret', '  token: ***'],
    ['secret reference', '  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}'],
    ['cache key', '  key: node-cache-Linux-x64-npm-3f5e9b2c1d4a6e8f0b7c'],
    ['prose about secrets', 'Error: Secret: not set'],
    ['git ssh remote', 'git@github.com: Permission denied (publickey).'],
    ['basic prose', 'See the Basic authentication section of the docs'],
  ])('%s', (_name, line) => {
    const { text, redactions } = redactText({ text: line });
    expect(text).toBe(line);
    expect(redactions).toEqual([]);
  });

  it('reports the kind and line of every redaction', () => {
    expect(redactedKinds(`a\nb ${githubToken}\nc jane@example.com`)).toEqual(['github_token', 'email']);
    expect(redactText({ text: `a\nb ${githubToken}` }).redactions[0]?.line).toBe(2);
  });
});
