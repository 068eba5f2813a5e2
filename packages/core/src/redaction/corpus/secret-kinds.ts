// Real-shaped secrets, made from each vendor's documented format (prefix, length, alphabet, checksum) as the
// secretlint and gitleaks rule sets and the vendors' announcements describe them. Nothing here is a real key,
// and no fixture file is copied: every value is generated from a seeded random source.
import { crc32 } from 'node:zlib';
import { ALNUM, B64, B64URL, BASE62, HEX } from './seeded-random.ts';
import type { Random } from './seeded-random.ts';

export type SecretKind = {
  id: string;
  generate: (random: Random) => string;
  /** The variable a CI job would hold it in. */
  env: string;
  /** Only recognisable beside a name or vendor keyword (64 hex, 32 hex, a UUID): no bare-text contexts. */
  needsContext?: boolean;
  /** A leading part that is public (a format marker) and may stay visible. */
  publicPrefix?: string;
  /** A human-chosen password rather than a token: gets the command-line contexts. */
  password?: boolean;
};

const base62 = (value: number, width: number): string => {
  let out = '';
  let rest = value;
  while (rest > 0) {
    out = (BASE62[rest % 62] ?? '0') + out;
    rest = Math.floor(rest / 62);
  }
  return out.padStart(width, '0');
};

// GitHub (2021) and npm (2021) tokens: prefix, 30 random base62 characters, CRC32 of those as 6 base62 digits.
const checksummed = (prefix: string) => (random: Random): string => {
  const body = random.chars(ALNUM, 30);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
};

const uuid = (random: Random): string => [8, 4, 4, 4, 12].map((n) => random.chars(HEX, n)).join('-');

const secp256k1 = (random: Random): string => {
  for (;;) {
    const hex = random.chars(HEX, 64);
    const value = BigInt(`0x${hex}`);
    if (value > 0n && value < BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141')) return hex;
  }
};

const jwt = (random: Random): string => {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: random.pick(['HS256', 'RS256', 'ES256']), typ: 'JWT' });
  const payload = part({ sub: random.chars(HEX, 12), iat: 1_700_000_000 + random.int(0, 9_999_999), scope: random.pick(['repo', 'deploy', 'read:packages']) });
  return `${header}.${payload}.${random.bytes(32).toString('base64url')}`;
};

const password = (random: Random): string => {
  const words = ['Summer', 'Falcon', 'Ledger', 'Orbit', 'Maple', 'Quartz', 'Harbor', 'Copper', 'Nimbus', 'Tundra'];
  return random.pick([
    () => `${random.pick(words)}${random.int(10, 9999)}${random.pick(['!', '#', '$', '%', '&', '*', '@', '^'])}${random.pick(words).toLowerCase()}`,
    () => random.chars(`${ALNUM}!#%^*-_+=`, random.int(12, 24)),
    () => `${random.pick(words).toLowerCase()}-${random.pick(words).toLowerCase()}-${random.int(100, 999)}`,
  ])();
};

export const secretKinds: SecretKind[] = [
  { id: 'github-classic-pat', generate: checksummed('ghp_'), env: 'GH_TOKEN' },
  { id: 'github-oauth', generate: checksummed('gho_'), env: 'GITHUB_OAUTH_TOKEN' },
  { id: 'github-app-installation', generate: checksummed('ghs_'), env: 'GITHUB_TOKEN' },
  { id: 'github-user-to-server', generate: checksummed('ghu_'), env: 'GH_USER_TOKEN' },
  { id: 'github-refresh', generate: checksummed('ghr_'), env: 'GH_REFRESH_TOKEN' },
  { id: 'github-fine-grained', generate: (r) => `github_pat_${r.chars(ALNUM, 22)}_${r.chars(ALNUM, 59)}`, env: 'GH_PAT' },
  { id: 'npm-token', generate: checksummed('npm_'), env: 'NPM_TOKEN' },
  { id: 'sendgrid', generate: (r) => `SG.${r.chars(B64URL, 22)}.${r.chars(B64URL, 43)}`, env: 'SENDGRID_API_KEY' },
  { id: 'twilio-api-key', generate: (r) => `SK${r.chars(HEX, 32)}`, env: 'TWILIO_API_KEY', needsContext: true },
  { id: 'twilio-account-sid', generate: (r) => `AC${r.chars(HEX, 32)}`, env: 'TWILIO_ACCOUNT_SID', needsContext: true },
  { id: 'twilio-auth-token', generate: (r) => r.chars(HEX, 32), env: 'TWILIO_AUTH_TOKEN', needsContext: true },
  { id: 'anthropic-api', generate: (r) => `sk-ant-api03-${r.chars(B64URL, 93)}AA`, env: 'ANTHROPIC_API_KEY' },
  { id: 'anthropic-admin', generate: (r) => `sk-ant-admin01-${r.chars(B64URL, 93)}AA`, env: 'ANTHROPIC_ADMIN_KEY' },
  { id: 'openai-project', generate: (r) => `sk-proj-${r.chars(B64URL, 74)}T3BlbkFJ${r.chars(B64URL, 74)}`, env: 'OPENAI_API_KEY' },
  { id: 'openai-service-account', generate: (r) => `sk-svcacct-${r.chars(B64URL, 58)}T3BlbkFJ${r.chars(B64URL, 58)}`, env: 'OPENAI_API_KEY' },
  { id: 'openai-legacy', generate: (r) => `sk-${r.chars(ALNUM, 20)}T3BlbkFJ${r.chars(ALNUM, 20)}`, env: 'OPENAI_KEY' },
  { id: 'databricks', generate: (r) => `dapi${r.chars(HEX, 32)}`, env: 'DATABRICKS_TOKEN' },
  { id: 'cloudflare-api-token', generate: (r) => r.chars(B64URL, 40), env: 'CLOUDFLARE_API_TOKEN', needsContext: true },
  { id: 'cloudflare-global-key', generate: (r) => r.chars(HEX, 37), env: 'CF_API_KEY', needsContext: true },
  { id: 'cloudflare-origin-ca', generate: (r) => `v1.0-${r.chars(HEX, 24)}-${r.chars(HEX, 146)}`, env: 'CF_ORIGIN_CA_KEY' },
  { id: 'cloudflare-user-token', generate: (r) => `cfut_${r.chars(ALNUM, 40)}${r.chars(HEX, 8)}`, env: 'CF_USER_TOKEN' },
  { id: 'linear', generate: (r) => `lin_api_${r.chars(ALNUM, 40)}`, env: 'LINEAR_API_KEY' },
  { id: 'tailscale-auth', generate: (r) => `tskey-auth-k${r.chars(ALNUM, 10)}CNTRL-${r.chars(ALNUM, 32)}`, env: 'TS_AUTHKEY' },
  { id: 'tailscale-api', generate: (r) => `tskey-api-k${r.chars(ALNUM, 10)}CNTRL-${r.chars(ALNUM, 32)}`, env: 'TS_API_KEY' },
  { id: 'docker-pat', generate: (r) => `dckr_pat_${r.chars(B64URL, 27)}`, env: 'DOCKERHUB_TOKEN' },
  { id: 'secp256k1', generate: secp256k1, env: 'DEPLOYER_PRIVATE_KEY', needsContext: true },
  { id: 'aws-access-key-id', generate: (r) => `AKIA${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, env: 'AWS_ACCESS_KEY_ID' },
  { id: 'aws-secret-key', generate: (r) => r.chars(B64, 40), env: 'AWS_SECRET_ACCESS_KEY', needsContext: true },
  { id: 'slack-bot', generate: (r) => `xoxb-${r.chars('0123456789', 12)}-${r.chars('0123456789', 13)}-${r.chars(ALNUM, 24)}`, env: 'SLACK_BOT_TOKEN' },
  { id: 'slack-user', generate: (r) => `xoxp-${r.chars('0123456789', 12)}-${r.chars('0123456789', 12)}-${r.chars('0123456789', 13)}-${r.chars(HEX, 32)}`, env: 'SLACK_USER_TOKEN' },
  {
    id: 'slack-webhook', generate: (r) => `https://hooks.slack.com/services/T${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/${r.chars(ALNUM, 24)}`,
    env: 'SLACK_WEBHOOK_URL', publicPrefix: 'https://hooks.slack.com/services/',
  },
  { id: 'stripe-live-secret', generate: (r) => `sk_live_51${r.chars(ALNUM, 97)}`, env: 'STRIPE_SECRET_KEY' },
  { id: 'stripe-restricted', generate: (r) => `rk_live_${r.chars(ALNUM, 24)}`, env: 'STRIPE_RESTRICTED_KEY' },
  { id: 'stripe-webhook-secret', generate: (r) => `whsec_${r.chars(ALNUM, 32)}`, env: 'STRIPE_WEBHOOK_SECRET' },
  { id: 'jwt', generate: jwt, env: 'SESSION_JWT' },
  { id: 'azure-storage-key', generate: (r) => r.bytes(64).toString('base64'), env: 'AZURE_STORAGE_KEY', needsContext: true },
  { id: 'azure-client-secret', generate: (r) => `${r.chars(ALNUM, 3)}${r.int(0, 9)}Q~${r.chars(`${ALNUM}_~.-`, 34).replace(/[.~-]$/, 'x')}`, env: 'AZURE_CLIENT_SECRET' },
  { id: 'gitlab-pat', generate: (r) => `glpat-${r.chars(B64URL, 20)}`, env: 'GITLAB_TOKEN' },
  { id: 'gitlab-runner', generate: (r) => `glrt-${r.chars(B64URL, 20)}`, env: 'RUNNER_TOKEN' },
  { id: 'vault-service', generate: (r) => `hvs.${r.chars(B64URL, 95)}`, env: 'VAULT_TOKEN' },
  { id: 'shopify-access', generate: (r) => `shpat_${r.chars(HEX, 32)}`, env: 'SHOPIFY_ACCESS_TOKEN' },
  { id: 'pypi-upload', generate: (r) => `pypi-AgEIcHlwaS5vcmc${r.chars(B64URL, 120)}`, env: 'PYPI_API_TOKEN' },
  { id: 'google-api-key', generate: (r) => `AIza${r.chars(B64URL, 35)}`, env: 'GOOGLE_API_KEY' },
  { id: 'heroku-api-key', generate: uuid, env: 'HEROKU_API_KEY', needsContext: true },
  { id: 'heroku-new', generate: (r) => `HRKU-AA${r.chars(B64URL, 58)}`, env: 'HEROKU_API_KEY' },
  { id: 'mailgun', generate: (r) => `key-${r.chars(HEX, 32)}`, env: 'MAILGUN_API_KEY', needsContext: true },
  { id: 'datadog-api-key', generate: (r) => r.chars(HEX, 32), env: 'DD_API_KEY', needsContext: true },
  { id: 'datadog-app-key', generate: (r) => r.chars(HEX, 40), env: 'DD_APP_KEY', needsContext: true },
  { id: 'huggingface', generate: (r) => `hf_${r.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`, env: 'HF_TOKEN' },
  { id: 'groq', generate: (r) => `gsk_${r.chars(ALNUM, 52)}`, env: 'GROQ_API_KEY' },
  { id: 'digitalocean', generate: (r) => `dop_v1_${r.chars(HEX, 64)}`, env: 'DIGITALOCEAN_ACCESS_TOKEN' },
  { id: 'grafana-service-account', generate: (r) => `glsa_${r.chars(ALNUM, 32)}_${r.chars(HEX, 8)}`, env: 'GRAFANA_TOKEN' },
  { id: 'password', generate: password, env: 'DB_PASSWORD', password: true },
];
