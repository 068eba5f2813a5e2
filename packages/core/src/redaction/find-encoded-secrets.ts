// Base64 hides a credential from every pattern: `.dockerconfigjson`, docker's "auth" field, Basic auth, a
// Kubernetes Secret's data, `echo ... | base64 -d`. Candidates in those contexts are decoded and redacted (in
// their encoded form) when the plain text holds a credential. Base64 of anything else stays, so image data,
// certificates' public halves and ordinary payloads survive.
import type { SecretRule } from './secret-rules.ts';

const B64 = String.raw`[A-Za-z0-9+/_-]{8,}={0,2}`;
const MAX_DECODE = 64 * 1024;

/** The UTF-8 text a strict base64 (or base64url) string encodes, or null when it is not base64 of text. */
export const decodeBase64Text = (candidate: string): string | null => {
  const body = candidate.replace(/=+$/, '');
  if (body.length < 8 || body.length > MAX_DECODE || body.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+$/.test(body)) return null;
  const decoded = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  let printable = 0;
  for (let i = 0; i < decoded.length; i++) {
    const code = decoded.charCodeAt(i);
    if ((code >= 32 && code < 127) || code === 9 || code === 10 || code === 13) printable += 1;
    else if (code === 0xfffd) return null;
  }
  return decoded.length > 0 && printable / decoded.length >= 0.95 ? decoded : null;
};

// user:password as Basic auth and docker's "auth" field carry it: no spaces, a name, a colon, a password.
const userPassword = /^[^\s:]{1,128}:[^\s]{3,}$/;
const credentialWords = /"auths?"\s*:|passw(?:or)?d|secret|token|private key|_auth|api[_-]?key/i;

export type CredentialDetector = (text: string) => boolean;

/** Whether decoded text holds a credential: user:password, credential fields, or anything `detect` finds. */
export const holdsCredential = (decoded: string, detect: CredentialDetector): boolean => {
  const text = decoded.trim();
  if (userPassword.test(text) && !/^https?:/i.test(text)) return true;
  if (credentialWords.test(text) && /[:=]/.test(text)) return true;
  return detect(text);
};

export const createEncodedRules = (detect: CredentialDetector): SecretRule[] => {
  const accept = (secret: string): boolean => {
    const decoded = decodeBase64Text(secret.replace(/^['"]|['"]$/g, ''));
    return decoded !== null && holdsCredential(decoded, detect);
  };
  return [
    // docker config.json / .dockerconfigjson "auth" (base64 of user:password) and YAML `auth: ...`.
    { kind: 'encoded_credential', hints: ['auth'], pattern: new RegExp(String.raw`\b(?:auth|identitytoken|_auth)['"]?\s*[:=]\s*['"]?(${B64})(?![\w+/=-])`, 'gi'), group: 1, accept },
    { kind: 'encoded_credential', hints: ['dockerc'], pattern: new RegExp(String.raw`\.docker(?:configjson|cfg)['"]?\s*[:=]\s*['"]?(${B64})(?![\w+/=-])`, 'g'), group: 1, accept },
    { kind: 'encoded_credential', hints: ['base64'], pattern: new RegExp(String.raw`\b(?:echo|printf)\s+(?:-[nEe]+\s+)?['"]?(${B64})(?=['"]?\s*\|\s*base64\s+(?:-d|--decode|-D)\b)`, 'g'), group: 1, accept },
    { kind: 'encoded_credential', hints: ['base64'], pattern: new RegExp(String.raw`\bbase64\s+(?:-d|--decode|-D)\s*<<<\s*['"]?(${B64})`, 'g'), group: 1, accept },
  ];
};
