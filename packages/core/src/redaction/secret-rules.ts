// One-line secret shapes that secretlint's preset does not cover (see create-vendor-scanner.ts for those it does).
// Where a pattern comes from gitleaks' default config (MIT) it says so; the rest are Suture's own, written for
// what CI logs print. Each rule runs only on lines holding one of its `hints` (lower-case literals), so a rule
// may rely on its hint for context: the Twilio and Datadog rules only fire next to the vendor's name.

export const redactionKinds = [
  'github_token', 'aws_access_key', 'aws_secret_key', 'slack_token', 'stripe_key', 'npm_token', 'sendgrid_key', 'shopify_token',
  'gitlab_token', 'grafana_token', 'openai_key', 'anthropic_key', 'groq_key', 'huggingface_token', 'linear_key', 'notion_token',
  'onepassword_token', 'vault_token', 'vercel_token', 'databricks_token', 'docker_token', 'figma_token', 'cloudflare_token',
  'tailscale_key', 'twilio_key', 'datadog_key', 'heroku_key', 'mailgun_key', 'sentry_token', 'azure_key', 'google_key', 'pypi_token',
  'digitalocean_token', 'doppler_token', 'pulumi_token', 'postman_key', 'atlassian_token', 'newrelic_key', 'sonar_token',
  'age_key', 'buildkite_token', 'discord_webhook', 'secp256k1_key', 'private_key', 'jwt', 'auth_header', 'url_credentials',
  'cli_password', 'encoded_credential', 'k8s_secret_data', 'masked_value', 'secret_assignment', 'high_entropy', 'email',
] as const;

export type RedactionKind = (typeof redactionKinds)[number];

export type SecretRule = {
  kind: RedactionKind;
  /** Lower-case literals, one of which every match contains (or which gives the rule its context). */
  hints: readonly string[];
  /** Global regex. With `group`, that capture holds the secret and must end the match (trailing context goes in a lookahead). */
  pattern: RegExp;
  group?: number;
  /** Second look at a candidate secret (and the whole match); false keeps it. */
  accept?: (secret: string, match: string) => boolean;
};

// secp256k1 private keys are 256-bit integers in [1, n-1]; nearly every 64-hex string is one, hence the context.
const SECP256K1_N = BigInt('0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141');
const isSecp256k1Key = (hex: string): boolean => {
  const value = BigInt(`0x${hex.replace(/^0x/i, '')}`);
  return value > 0n && value < SECP256K1_N;
};

// NAME <op> VALUE after a vendor's name, for formats that are only recognisable in context (gitleaks' keyword rules).
// `named` demands a credential word in the name: DD_GIT_COMMIT_SHA and HEROKU_APP_ID hold no secret.
const near = (keyword: string, value: string, named = false): RegExp =>
  new RegExp(
    String.raw`(?:${keyword})${named ? String.raw`(?=[\w. -]{0,30}?(?:key|token|secret|auth))` : ''}[\w. -]{0,30}?['"]?\s*(?:=|:|=>|\s)\s*['"]?(${value})(?![\w-])`,
    'gi',
  );

export const secretRules: SecretRule[] = [
  { kind: 'private_key', hints: ['private key'], pattern: /-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)/g },
  // secretlint's GitHub rule wants the documented lengths exactly; GitHub says lengths will grow, and a
  // fine-grained token of another length is still a token.
  { kind: 'github_token', hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'], pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{30,251}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  // secretlint's AWS rule reports access key ids only behind an option and skips the documentation example.
  { kind: 'aws_access_key', hints: ['akia', 'asia', 'abia', 'acca', 'agpa', 'aida', 'aroa', 'aipa', 'anpa', 'anva', 'a3t'], pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b/g },
  { kind: 'aws_secret_key', hints: ['aws'], pattern: /\baws_?secret_?(?:access_?)?key(?:_?id)?['"]?\s*[:=]\s*['"]?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, group: 1 },
  { kind: 'jwt', hints: ['eyj'], pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // secretlint's SendGrid rule allows one - or _ in the last part; real keys are base64url throughout.
  { kind: 'sendgrid_key', hints: ['sg.'], pattern: /\bSG\.[\w-]{22}\.[\w-]{43}(?![\w-])/g },
  { kind: 'stripe_key', hints: ['whsec_'], pattern: /\bwhsec_[A-Za-z0-9+/=]{24,}/g },
  // Anthropic: secretlint covers sk-ant-api0N keys of the usual length; admin keys and other lengths are ours.
  { kind: 'anthropic_key', hints: ['sk-ant-'], pattern: /(?<![\w-])sk-ant-(?:api|admin|oat|sid)\d\d-[\w-]{32,200}/g },
  // OpenAI project and service-account keys without the T3BlbkFJ marker secretlint requires.
  { kind: 'openai_key', hints: ['sk-proj-', 'sk-svcacct-', 'sk-admin-', 'sk-none-'], pattern: /(?<![\w-])sk-(?:proj|svcacct|admin|None)-[\w-]{40,300}/g },
  { kind: 'twilio_key', hints: ['twilio'], pattern: /\b(?:SK|AC)[0-9a-fA-F]{32}\b/g },
  { kind: 'cloudflare_token', hints: ['v1.0-'], pattern: /\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}\b/g }, // gitleaks cloudflare-origin-ca-key
  { kind: 'cloudflare_token', hints: ['cloudflare', 'cf_'], pattern: near(String.raw`cloudflare|\bcf_`, String.raw`[A-Za-z0-9_-]{40}|[a-f0-9]{37}`, true), group: 1 },
  { kind: 'datadog_key', hints: ['datadog', 'dd_', 'dd-'], pattern: near(String.raw`datadog|\bdd[_-]`, String.raw`[a-f0-9]{40}|[a-f0-9]{32}`, true), group: 1 },
  { kind: 'heroku_key', hints: ['hrku-'], pattern: /\bHRKU-AA[\w-]{58}/g },
  { kind: 'heroku_key', hints: ['heroku'], pattern: near('heroku', String.raw`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`, true), group: 1 },
  { kind: 'mailgun_key', hints: ['mailgun', 'api:key-'], pattern: /\bkey-[0-9a-f]{32}\b/g }, // gitleaks mailgun-private-api-token
  { kind: 'sentry_token', hints: ['sntrys_', 'sntryu_'], pattern: /\bsntrys_eyJ[\w+/=]{50,600}|\bsntryu_[a-f0-9]{64}\b/g },
  { kind: 'sentry_token', hints: ['sentry'], pattern: /\bhttps?:\/\/([0-9a-f]{32})(?=(?::[0-9a-f]{32})?@[\w.-]+\/\d+)/g, group: 1 },
  { kind: 'azure_key', hints: ['accountkey='], pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g, group: 1 },
  { kind: 'azure_key', hints: ['sig='], pattern: /[?&;]sig=([A-Za-z0-9%+/=]{30,200})/g, group: 1 },
  { kind: 'azure_key', hints: ['q~'], pattern: /(?<![\w~.-])[\w~.]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g }, // gitleaks azure-ad-client-secret
  { kind: 'google_key', hints: ['aiza'], pattern: /\bAIza[\w-]{35}(?![\w-])/g }, // gitleaks gcp-api-key
  { kind: 'google_key', hints: ['gocspx-'], pattern: /\bGOCSPX-[\w-]{28}(?![\w-])/g },
  { kind: 'gitlab_token', hints: ['gldt-', 'glrt-', 'glcbt-', 'glptt-', 'glft-', 'glimt-', 'gloas-', 'glagent-', 'glsoat-', 'glffct-', 'gr1348941'], pattern: /\b(?:gl(?:dt|rt|cbt|ptt|ft|imt|oas|agent|soat|ffct)-|GR1348941)[\w-]{20,64}(?![\w-])/g },
  { kind: 'pypi_token', hints: ['pypi-ageichlwas5vcmc', 'pypi-agendgvzdc5wexbplm9yzw'], pattern: /\bpypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[\w-]{50,300}/g }, // gitleaks pypi-upload-token
  { kind: 'digitalocean_token', hints: ['dop_v1_', 'doo_v1_', 'dor_v1_'], pattern: /\bdo[opr]_v1_[a-f0-9]{64}\b/g },
  { kind: 'doppler_token', hints: ['dp.st.', 'dp.ct.', 'dp.sa.', 'dp.pt.', 'dp.scim.', 'dp.audit.'], pattern: /\bdp\.(?:st|ct|sa|pt|scim|audit)\.[\w-]{40,64}/g },
  { kind: 'pulumi_token', hints: ['pul-'], pattern: /\bpul-[a-f0-9]{40}\b/g },
  { kind: 'postman_key', hints: ['pmak-'], pattern: /\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b/g },
  { kind: 'atlassian_token', hints: ['atatt3'], pattern: /\bATATT3[\w=-]{150,200}/g },
  { kind: 'newrelic_key', hints: ['nrak-'], pattern: /\bNRAK-[A-Z0-9]{27}\b/g },
  { kind: 'sonar_token', hints: ['sqp_', 'squ_', 'sqa_'], pattern: /\bsq[pua]_[a-f0-9]{40}\b/g },
  { kind: 'age_key', hints: ['age-secret-key-1'], pattern: /\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b/g },
  { kind: 'buildkite_token', hints: ['bkua_'], pattern: /\bbkua_[a-f0-9]{40}\b/g },
  { kind: 'discord_webhook', hints: ['discord'], pattern: /discord(?:app)?\.com\/api\/webhooks\/\d+\/([\w-]{60,80})/g, group: 1 },
  {
    kind: 'secp256k1_key', hints: ['private', 'priv', 'secret', 'signer', 'deployer', 'wallet', 'mnemonic'],
    pattern: near(String.raw`private[\s_-]?key|priv_?key|privkey|secret[\s_-]?key|signer[\s_-]?key|deployer[\s_-]?key|wallet[\s_-]?key`, String.raw`(?:0x)?[a-fA-F0-9]{64}`),
    group: 1, accept: isSecp256k1Key,
  },
  // Credentials in headers: the scheme stays readable, the credential goes. The lookahead keeps prose
  // ("Basic authentication") out: real credentials contain digits or base64 punctuation.
  { kind: 'auth_header', hints: ['bearer', 'basic', 'token'], pattern: /\b(?:Bearer|Basic|Token|token)\s+((?=[A-Za-z0-9._~+/-]*[0-9+/=._~-])[A-Za-z0-9._~+/-]{12,}=*)/g, group: 1 },
  { kind: 'auth_header', hints: ['authorization'], pattern: /\b(?:Proxy-)?Authorization['"]?\s*[:=]\s*['"]?(?!\s*(?:Bearer|Basic|Token)\b)(?!\*+)([^\s'"]{8,})/gi, group: 1 },
  { kind: 'email', hints: ['@'], pattern: /\b(?!git@)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
];
