import { describe, expect, it } from 'vitest';
import { analyzeLog } from '../diagnosis/analyze-log.ts';
import { createVendorScanner, excludedVendorRules } from './create-vendor-scanner.ts';
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';
import { secretKinds } from './corpus/secret-kinds.ts';
import { createRandom } from './corpus/seeded-random.ts';
import { redactText } from './redact-text.ts';

// Secrets are generated at run time from the vendors' formats: no secret-shaped literal sits in the repository.
const random = createRandom(7);
const token = (id: string): string => {
  const kind = secretKinds.find((entry) => entry.id === id);
  if (!kind) throw new Error(`no kind ${id}`);
  return kind.generate(random);
};
const b64 = (text: string): string => Buffer.from(text).toString('base64');
const redact = (text: string): string => redactText({ text }).text;

describe('normalisation before matching', () => {
  it('finds a token wrapped in, or split by, ANSI colour codes', () => {
    const ghp = token('github-classic-pat');
    for (const line of [`\x1b[32m${ghp}\x1b[0m`, `token ${ghp.slice(0, 5)}\x1b[1m${ghp.slice(5)}\x1b[22m`]) {
      const out = redact(line);
      expect(out).not.toContain(ghp.slice(5));
      expect(out).toContain('[REDACTED:github_token]');
    }
    // A coloured line with no secret keeps its colours.
    expect(redact('\x1b[32m✓ 12 tests passed\x1b[0m')).toBe('\x1b[32m✓ 12 tests passed\x1b[0m');
  });

  it('redacts base64 in credential contexts when it decodes to a credential, and only then', () => {
    const auth = b64('ci-bot:Harbor4711!copper');
    const config = b64(JSON.stringify({ auths: { 'ghcr.io': { auth } } }));
    expect(redact(`{"auths":{"ghcr.io":{"auth":"${auth}"}}}`)).not.toContain(auth);
    expect(redact(`  .dockerconfigjson: ${config}`)).not.toContain(config);
    expect(redact(`echo ${auth} | base64 -d`)).not.toContain(auth);
    expect(redact(`curl -H "Authorization: Basic ${auth}" https://x.example.com`)).not.toContain(auth);
    const manifest = ['apiVersion: v1', 'data:', `  api-token: ${b64('q8Vz3LmP0wX7rT2n')}`, 'kind: Secret', 'metadata:', '  name: app'].join('\n');
    expect(redact(manifest).split('\n')).toEqual(['apiVersion: v1', 'data:', '  api-token: [REDACTED:k8s_secret_data]', 'kind: Secret', 'metadata:', '  name: app']);
    const hello = `echo ${b64('hello world from ci')} | base64 -d`;
    expect(redact(hello)).toBe(hello);
  });

  it('masks every ::add-mask:: value from that line on, in its encodings too', () => {
    const value = 'plain-deploy-value-93';
    const log = ['before: plain-deploy-value-93', `::add-mask::${value}`, `deploying with ${value}`, `basic ${b64(`u:${value}`)}`].join('\n');
    const out = redact(log).split('\n');
    expect(out[0]).toBe('before: plain-deploy-value-93');
    expect(out.slice(1).join('\n')).not.toContain(value);
    expect(out[3]).not.toContain(b64(`u:${value}`).slice(4, 20));
    expect(out).toHaveLength(4);
  });

  it('keeps GitHub-masked values (***) as they are and counts nothing', () => {
    for (const line of ['docker login -u *** -p *** ghcr.io', '  token: ***', 'remote: https://***:***@github.com/a/b.git', 'Authorization: Bearer ***']) {
      expect(redactText({ text: line })).toMatchObject({ text: line, count: 0 });
    }
  });
});

describe('command-line forms', () => {
  const password = 'Copper4711#maple';
  it.each([
    `docker login -u ci-bot -p ${password} registry.example.com`,
    `echo "${password}" | docker login ghcr.io -u ci-bot --password-stdin`,
    `mysql -u app -p${password} app_test`,
    `mysqldump -u root -p ${password} --databases shop`,
    `curl -fsS -u deploy:${password} https://nexus.example.com/`,
    `curl --user "admin:${password}" https://jenkins.example.com/`,
    `sudo tailscale up --authkey=${password}`,
    `./deploy.sh --token ${password}`,
    `docker run -e POSTGRES_PASSWORD=${password} postgres:16`,
    `sshpass -p '${password}' ssh deploy@10.0.0.1`,
    `PGPASSWORD=${password} psql -h localhost -U postgres`,
    `htpasswd -bc /etc/nginx/.htpasswd admin ${password}`,
    `git remote set-url origin https://ci-bot:${password}@git.example.com/a/b.git`,
    `redis-cli -h cache -a ${password} ping`,
    `keytool -importkeystore -srcstorepass ${password}`,
    `openssl pkcs12 -export -passout pass:${password}`,
  ])('%s', (line) => {
    expect(redact(line)).not.toContain(password);
  });

  it('leaves ports, users and prose about flags alone', () => {
    for (const line of ['docker run -d -p 8080:80 nginx', 'mkdir -p build/out', 'ssh -p 2222 deploy@10.0.4.12 uptime', 'docker run --rm -u 1000:1000 builder make', 'WARNING! Using --password via the CLI is insecure. Use --password-stdin.']) {
      expect(redact(line)).toBe(line);
    }
  });
});

describe('vendor tokens', () => {
  it.each([
    'npm-token', 'sendgrid', 'anthropic-api', 'anthropic-admin', 'openai-project', 'openai-service-account', 'openai-legacy', 'databricks',
    'cloudflare-origin-ca', 'cloudflare-user-token', 'linear', 'tailscale-auth', 'tailscale-api', 'docker-pat', 'github-fine-grained',
    'gitlab-pat', 'vault-service', 'shopify-access', 'pypi-upload', 'google-api-key', 'heroku-new', 'slack-bot', 'stripe-live-secret',
  ])('%s, bare in a line', (id) => {
    const value = token(id);
    expect(redact(`uploaded with ${value} done`)).not.toContain(value.slice(-16));
  });

  it.each([
    ['twilio-api-key', 'twilio: using key'],
    ['twilio-account-sid', 'TWILIO_ACCOUNT_SID='],
    ['datadog-api-key', 'DD_API_KEY='],
    ['cloudflare-api-token', 'CF_API_TOKEN='],
    ['secp256k1', 'deployer private key: 0x'],
    ['mailgun', 'mailgun api key '],
  ])('%s, in its context', (id, context) => {
    const value = token(id);
    expect(redact(`${context}${value}`)).not.toContain(value.slice(-16));
  });

  it('runs every rule of the secretlint preset it ships, synchronously, or says why not', () => {
    const scanner = createVendorScanner();
    const ids = presetRules.map((rule) => rule.meta.id.replace('@secretlint/secretlint-rule-', ''));
    expect(ids.filter((id) => !excludedVendorRules.includes(id)).sort()).toEqual(scanner.rules.map((rule) => rule.id).sort());
    scanner.rules.forEach((_rule, index) => expect(() => scanner.scan('nothing here', index)).not.toThrow());
  });
});

describe('PEM blocks', () => {
  const body = ['MIIEowIBAAKCAQEA7bq9c2VjcmV0LWtleS1tYXRlcmlhbA0123456789abcdefABCD', 'c2VjcmV0LWtleS1tYXRlcmlhbA0123456789abcdefABCDc2VjcmV0LWtleS1tYXRl', 'cmlhbA0123456789abcdef=='];
  it('with a malformed END line redacts the block, not the lines after it', () => {
    const after = Array.from({ length: 210 }, (_, i) => `step ${i}: compiling module ${i}`);
    const log = ['-----BEGIN RSA PRIVATE KEY-----', ...body, '-----END RSA PRIVATE KEY----', ...after].join('\n');
    const out = redact(log).split('\n');
    for (const line of body) expect(out.join('\n')).not.toContain(line);
    expect(out.slice(5)).toEqual(after);
    expect(out).toHaveLength(4 + 1 + after.length);
  });

  it('with no END line stops at the first line that cannot be key material, behind timestamps too', () => {
    const stamp = '2024-05-14T09:12:33.4410000Z ';
    const log = [`${stamp}-----BEGIN EC PRIVATE KEY-----`, ...body.map((line) => stamp + line), `${stamp}##[error]Process completed with exit code 1.`].join('\n');
    const out = redact(log).split('\n');
    expect(out.slice(1, 4)).toEqual(body.map(() => `${stamp}[REDACTED:private_key]`));
    expect(out[4]).toBe(`${stamp}##[error]Process completed with exit code 1.`);
  });
});

describe('look-alikes survive', () => {
  it.each([
    "credentialsId: 'ca4ef546-6882-4621-9b9b-d54900913080'",
    'ED25519 key fingerprint is SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8.',
    '        secretName: api-tls',
    '  apiKey: process.env.STRIPE_KEY,',
    '  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    'token = os.environ["GITHUB_TOKEN"]',
    'Digest: sha256:3f5e9b2c1d4a6e8f0b7c9d2e4f6a8b0c1d3e5f7a3f5e9b2c1d4a6e8f0b7c9d2e',
    '  key: Linux-pip-3f5e9b2c1d4a6e8f0b7c9d2e4f6a8b0c1d3e5f7a',
    '--- PASS: TestRefreshTokenRotation (0.06s)',
    '$ export PDO_MYSQL_TEST_DSN="mysql:host=127.0.0.1;dbname=test"',
    '  elixir_erl_pass:translate/2',
  ])('%s', (line) => {
    expect(redact(line)).toBe(line);
  });
});

describe('streaming', () => {
  it('masks add-mask values and key blocks in the analyzer too, where unflagged lines skip the redactor', () => {
    const value = 'zz-unflagged-value-42';
    const log = ['start', `::add-mask::${value}`, ...Array.from({ length: 5 }, () => 'noise'), `Error: upload of ${value} failed`, 'exit 1'].join('\n');
    const { analysis, redactionCount } = analyzeLog({ text: log });
    expect(JSON.stringify(analysis)).not.toContain(value);
    expect(redactionCount).toBeGreaterThanOrEqual(2);
  });

  it('masks known secrets handed over by the caller', () => {
    const secret = 'installation-secret-5521';
    expect(redactText({ text: `fatal: ${secret}`, secrets: [secret] }).text).toBe('fatal: [REDACTED:masked_value]');
  });
});
