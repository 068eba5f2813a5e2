// Secret shapes, after the public rule sets of secretlint (preset-recommend) and gitleaks, narrowed to what
// appears in CI logs. Each rule replaces whole matches; `group` names the capture that holds the secret when
// only part of the match is secret (a URL password, the value of NAME=value).

export type RedactionKind =
  | 'github_token'
  | 'aws_access_key'
  | 'aws_secret_key'
  | 'slack_token'
  | 'stripe_key'
  | 'private_key'
  | 'jwt'
  | 'auth_header'
  | 'url_credentials'
  | 'secret_assignment'
  | 'high_entropy'
  | 'email';

export type SecretRule = {
  kind: RedactionKind;
  /** Lower-case literals, one of which every match contains: the regex only runs on lines that have one. */
  hints: readonly string[];
  pattern: RegExp;
  group?: number;
};

export const secretRules: SecretRule[] = [
  { kind: 'private_key', hints: ['private key'], pattern: /-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z ]*PRIVATE KEY(?: BLOCK)?-----|$)/g },
  { kind: 'github_token', hints: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'], pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{22,255})\b/g },
  { kind: 'aws_access_key', hints: ['akia', 'asia', 'abia', 'acca', 'aroa', 'aida'], pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AROA|AIDA)[A-Z0-9]{16}\b/g },
  { kind: 'aws_secret_key', hints: ['aws'], pattern: /\baws_?secret_?(?:access_?)?key(?:_?id)?['"]?\s*[:=]\s*['"]?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi, group: 1 },
  { kind: 'slack_token', hints: ['xox', 'hooks.slack'], pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}|https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9_/]+/g },
  { kind: 'stripe_key', hints: ['_live_', '_test_', 'whsec_'], pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}\b|\bwhsec_[A-Za-z0-9]{24,}\b/g },
  { kind: 'jwt', hints: ['eyj'], pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  // Credentials in headers: the scheme stays readable, the credential goes. The lookahead keeps prose
  // ("Basic authentication") out: real credentials contain digits or base64 punctuation.
  { kind: 'auth_header', hints: ['bearer', 'basic', 'token'], pattern: /\b(?:Bearer|Basic|Token|token)\s+((?=[A-Za-z0-9._~+/-]*[0-9+/=._~-])[A-Za-z0-9._~+/-]{12,}=*)/g, group: 1 },
  { kind: 'auth_header', hints: ['authorization'], pattern: /\b(?:Proxy-)?Authorization['"]?\s*[:=]\s*['"]?(?!\s*(?:Bearer|Basic|Token)\b)([^\s'"]{8,})/gi, group: 1 },
  { kind: 'url_credentials', hints: ['://'], pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/gi, group: 1 },
  { kind: 'email', hints: ['@'], pattern: /\b(?!git@)[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
];

// NAME=value, "name": "value", --password value: the name says the value is a secret.
export const sensitiveName = /(?:secret|token|passw(?:or)?d|\bpwd|api[_-]?key|access[_-]?key|private[_-]?key|signing[_-]?key|credentials?|auth[_-]?key|client[_-]?key|_key\b|^key$)/i;
export const assignment = /(?<![\w-])(['"]?)([A-Za-z_][\w.-]*)\1(\s*[=:]\s*)("[^"]*"|'[^']*'|[^\s'",;&)]+)/g;
export const cliFlag = /--(?:password|passwd|token|secret|api-key|apikey|access-token|auth-token|client-secret)[= ]("[^"]*"|'[^']*'|[^\s'"]+)/gi;

// Values that are not secrets even beside a sensitive name: masks, references, booleans, short numbers, paths.
export const harmlessValue = /^(?:\*+|\$\{\{.*|\$\{?[A-Za-z_]\w*\}?|<[^>]*>|\[REDACTED[^\]]*\]|true|false|null|none|nil|undefined|yes|no|on|off|required|optional|\d{1,7}|[/.~][^\s]*|\S*:\/\/\S*|)$/i;

// Long base62/base64 runs with both letter cases and digits. Hex digests (commit SHAs, lockfile hashes) and UUIDs
// are deliberately not matched: they identify content, they do not grant access.
export const entropyCandidate = /(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])(?=[A-Za-z0-9+/_-]*[0-9])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/_-])/g;

// Literals, one of which every line that any rule above could touch contains (case-insensitive). The analyzer
// scans whole chunks for them in one pass and only hands flagged lines to the redactor.
export const redactionHints: readonly string[] = [
  'ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_', 'akia', 'asia', 'abia', 'acca', 'aroa', 'aida', 'xox', 'hooks.slack',
  'sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'whsec_', 'private key', 'eyj', 'bearer', 'basic', 'oken', 'uthoriz', '@',
  '://', 'secret', 'passw', 'pwd', 'key', 'credential', 'auth',
];
