const MASK = '[REDACTED]';

/**
 * Removes known secrets from text, in the three spellings git and HTTP tooling print them: as is,
 * as the base64 of `x-access-token:<token>` (basic auth) and as URL userinfo (`https://user:pw@host`).
 */
export const redactSecrets = (options: { text: string; secrets: Iterable<string> }): string => {
  let text = options.text;
  for (const secret of options.secrets) {
    if (secret.length < 4) continue;
    const basic = Buffer.from(`x-access-token:${secret}`).toString('base64');
    text = text.split(secret).join(MASK).split(basic).join(MASK);
  }
  // Credentials embedded in any URL, whether or not we know the secret (e.g. a token minted elsewhere).
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi, `$1${MASK}@`);
};
