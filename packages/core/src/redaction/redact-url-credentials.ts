// Credentials in URLs: https://user:password@host, https://x-access-token:<token>@github.com, a token as the
// user (https://<token>@github.com, a Sentry DSN), https://<token>:x-oauth-basic@github.com. The password goes;
// the user stays readable unless it is itself the secret. Masked values (***) and references ($TOKEN) stay.
import { isHarmlessValue } from './redact-assignments.ts';
import { measureEntropy } from './measure-entropy.ts';
import type { RedactionKind } from './secret-rules.ts';

const userinfo = /\b([a-z][a-z0-9+.-]{1,20}:\/\/)([^\s:@/?#'"<>[\]]*)(?::([^\s@/'"<>[\]]*))?@/gi;
// Placeholder passwords that mean "the user field holds the token".
const tokenMarker = /^(?:x-oauth-basic|x|oauth2|basic|api_token|token)$/i;
const mask = (kind: RedactionKind): string => `[REDACTED:${kind}]`;

const looksSecret = (value: string): boolean =>
  value.length >= 16 && /^[A-Za-z0-9_.~+%-]+$/.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value) && measureEntropy({ text: value }) >= 3.2;

export const redactUrlCredentials = (text: string, record: (kind: RedactionKind) => void): string =>
  text.replace(userinfo, (match: string, scheme: string, user: string, password: string | undefined) => {
    let outUser = user;
    let outPassword = password;
    if (password !== undefined && password !== '' && !isHarmlessValue(password) && !tokenMarker.test(password)) {
      outPassword = mask('url_credentials');
      record('url_credentials');
    }
    if (user !== '' && !isHarmlessValue(user) && (looksSecret(user) || (password !== undefined && tokenMarker.test(password) && user.length >= 8))) {
      outUser = mask('url_credentials');
      record('url_credentials');
    }
    if (outUser === user && outPassword === password) return match;
    return `${scheme}${outUser}${outPassword === undefined ? '' : `:${outPassword}`}@`;
  });
