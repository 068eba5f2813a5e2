// NAME=value, "name": "value", name: value, where the name says the value is a secret; then high-entropy runs
// after a secret-sounding word. Suture's own rules: secretlint and gitleaks key on vendor formats, and a CI log's
// most common leak is a plain password in an env dump or a config print.
import { decodeBase64Text, holdsCredential } from './find-encoded-secrets.ts';
import type { CredentialDetector } from './find-encoded-secrets.ts';
import { measureEntropy } from './measure-entropy.ts';
import type { RedactionKind } from './secret-rules.ts';

export const sensitiveName = /(?:secret|token|passw(?:or)?d|passphrase|.pass$|\bpwd|api[_.-]?key|apikey|access[_.-]?key|private[_.-]?key|signing[_.-]?key|credentials?|auth[_.-]?key|authkey|client[_.-]?key|accountkey|[_.]key\b|_auth$|^auth$|account[_.-]?sid)/i;
// Names that hold a reference to a secret, not the secret: credentialsId, secretName, secretKeyRef, TOKEN_FILE.
const referenceName = /^(?:id|ids|name|names|ref|file|path|dir|arn|type|url|uri|length|count|version|kind|field|header|prefix|env|var|provider|store|mount|policy|scope|role|ttl|enabled|required|expiry|expires|expiration|usage|hint|label|source|method|format|mode)$/i;
const namePart = /[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])/g;

/** Whether a variable name says its value is a secret (and not a reference to one). */
export const isSensitiveName = (name: string): boolean => {
  if (!sensitiveName.test(name)) return false;
  const parts = name.match(namePart) ?? [];
  const last = parts[parts.length - 1] ?? '';
  return !(parts.length > 1 && referenceName.test(last)) && !/^(?:by|com|sur)pass$/i.test(name);
};

// Values that are no secret even beside a sensitive name: masks, references to variables and secret stores,
// code, booleans, short numbers, paths and URLs (a URL's credentials have their own rule).
const harmless = new RegExp(
  [
    String.raw`\*+`, String.raw`x{4,}`, String.raw`\$\{\{.*`, String.raw`\$\{?[A-Za-z_]\w*\}?`, String.raw`%[A-Za-z_]\w*%`, String.raw`<[^>]*>`, String.raw`\[REDACTED[^\]]*\]`,
    String.raw`\[?(?:masked|hidden|redacted|secure|sensitive|filtered|set|unset|not set|none|empty)\]?`, String.raw`\((?:hidden|sensitive|redacted|masked|set)\)`,
    'true|false|null|nil|none|undefined|yes|no|on|off|required|optional|auto|default|disabled|enabled|string|str|int|bool|secret|password|token',
    String.raw`\d{1,7}`, String.raw`[/.~][^\s]*`, String.raw`\S*:\/\/\S*`, String.raw`[A-Za-z]:\\\S*`,
    String.raw`(?:process\.env|import\.meta\.env|os\.environ|os\.getenv|ENV|env|System\.getenv|Deno\.env|secrets|vars|inputs|needs|steps|github|matrix|context|config|settings|options|opts|props|this|self|params)\b.*`,
    String.raw`[\w$.]+\(.*\)?`, String.raw`[\w$]+\[.*\]?`, String.raw`[A-Za-z_$]+(?:\.[A-Za-z_$]+)+`,
    '',
  ].map((alternative) => `(?:${alternative})`).join('|').replace(/^/, '^(?:').replace(/$/, ')$'),
  'i',
);

export const isHarmlessValue = (value: string): boolean => harmless.test(value);

const assignment = /(?:(?<=(?:^|\s)-[DP])|(?<![\w-]))(['"]?)([A-Za-z_][\w.-]*)\1(\s*(?::=|=>|=|:(?!\/\/))\s*)("[^"]*"|'[^']*'|[^\s'",;&)]+)/g;
const entropyCandidate = /(?<![A-Za-z0-9+/_-])(?=[A-Za-z0-9+/_-]*[a-z])(?=[A-Za-z0-9+/_-]*[A-Z])(?=[A-Za-z0-9+/_-]*[0-9])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/_-])/g;
const entropyNames = /secret|token|passw|pwd|key|credential|auth/i;
// A hash named before its value is a digest, not a secret: SHA256:..., sha512-..., h1:... (go.sum).
const digestBefore = /(?:(?:sha\d{0,3}|md5|h1|base64|blake2b?)[:=,-]|(?:ssh-(?:rsa|ed25519|dss)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com) )$/i;

type Recorder = (kind: RedactionKind) => void;
const mask = (kind: RedactionKind): string => `[REDACTED:${kind}]`;

// NAME_KEY is a secret for these; for other *_KEY names only a machine-generated value counts.
const qualifiedKey = /(?:api|access|private|secret|signing|auth|client|account|master|encryption|license|app|service|admin|deploy|webhook|session|jwt|hmac|aes|storage|shared)[_.-]?key$/i;
// Keys that are no secret at all: cache and database keys, public halves, lookups.
const notSecretKey = /(?:public|pub|publishable|cache|primary|partition|sort|foreign|idempotency|object|s3|lookup|map|hash|dedupe?|registry|gpg|ssh|row|group|dict|hotkey|monkey)[_-]?key$/i;

// Cache keys and build ids: words and hex digests joined by separators (Linux-pip-3f5e...). Generated secrets
// with separators (base64url) have mixed-case alphanumeric segments instead.
const composedOfWords = (value: string): boolean => {
  const parts = value.split(/[-_.:/]+/).filter(Boolean);
  return parts.length >= 2 && parts.every((part) => /^[A-Za-z]+$/.test(part) || /^[0-9a-f]+$/.test(part) || /^\d+$/.test(part) || /^[A-Z0-9]+$/.test(part) && part.length <= 8);
};

const credentialValue = (value: string, separator: string, name: string): boolean => {
  // DB_PASS=... is a password; elixir_erl_pass:translate/2 is a function.
  if (/pass$/i.test(name) && !separator.includes('=')) return false;
  // "name: value" is also how prose and YAML read ("Secret: not set"): demand a credential-looking value.
  if (!separator.includes('=') && (value.length < 6 || !/[\d+/=_-]|[a-z].*[A-Z]|[A-Z].*[a-z]/.test(value))) return false;
  // A bare "key" name (cache keys, map keys) only counts when the value looks machine-generated.
  if (/key$/i.test(name) && !qualifiedKey.test(name)) {
    if (notSecretKey.test(name) || (value.match(/[-_.:]/g)?.length ?? 0) >= 3 || composedOfWords(value)) return false;
    return measureEntropy({ text: value }) >= 3.5 && /\d/.test(value) && !/^[0-9a-f-]+$/i.test(value);
  }
  return true;
};

// {"name": "DB_PASSWORD", "value": "..."}: the name and the value are two fields of one object.
const namedPair = /(["']?name["']?\s*[:=]\s*["']([\w.-]+)["']\s*,\s*["']?value["']?\s*[:=]\s*["'])([^"']+)(?=["'])/g;

const redactPairs = (text: string, record: Recorder): string =>
  text.includes('value')
    ? text.replace(namedPair, (match: string, head: string, name: string, value: string) => {
        if (!isSensitiveName(name) || isHarmlessValue(value)) return match;
        record('secret_assignment');
        return head + mask('secret_assignment');
      })
    : text;

/** Redacts the values of secret-named assignments in `text`. */
export const redactAssignments = (text: string, record: Recorder): string =>
  redactPairs(text, record).replace(assignment, (match: string, _quote: string, name: string, separator: string, rawValue: string) => {
    if (!isSensitiveName(name)) return match;
    const value = rawValue.replace(/^['"]|['"]$/g, '');
    if (isHarmlessValue(value) || value.includes('[REDACTED') || !credentialValue(value, separator, name)) return match;
    record('secret_assignment');
    return match.slice(0, match.length - rawValue.length) + mask('secret_assignment');
  });

/** Redacts high-entropy runs after a secret-sounding word ("using token 9fQ2..."), and base64 that decodes to a credential. */
export const redactEntropy = (text: string, record: Recorder, detect: CredentialDetector): string => {
  const nameAt = text.search(entropyNames);
  if (nameAt === -1) return text;
  const tail = text.slice(nameAt).replace(entropyCandidate, (candidate: string, offset: number, whole: string) => {
    const before = whole.slice(Math.max(0, offset - 8), offset);
    // Digests and SSH public keys (their blobs start AAAA) identify, they grant nothing.
    if (digestBefore.test(before) || /^sha(?:1|256|384|512)-/.test(candidate) || candidate.startsWith('AAAA')) return candidate;
    // Right after a dot or slash it is part of a path or host name (/tmp/com.apple.launchd.CQrw3YXwCh/Listeners).
    if (/[./]$/.test(before)) return candidate;
    const decoded = candidate.length >= 16 ? decodeBase64Text(candidate) : null;
    if (decoded !== null && holdsCredential(decoded, detect)) {
      record('encoded_credential');
      return mask('encoded_credential');
    }
    // Identifiers built from words (cache keys, package names) have many separators; generated secrets few.
    if ((candidate.match(/[-_./]/g)?.length ?? 0) >= 3 || composedOfWords(candidate) || measureEntropy({ text: candidate }) < 3.5) return candidate;
    record('high_entropy');
    return mask('high_entropy');
  });
  return text.slice(0, nameAt) + tail;
};
