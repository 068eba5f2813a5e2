// Secrets `npm start` generates once and keeps under .data/secrets (0600), so restarts keep sessions,
// the dashboard's OIDC client and the demo users' password stable. The modes are enforced on every
// start, not only on creation: NEXTAUTH_SECRET signs next-auth's CSRF, state and PKCE cookies, and a
// copy left group- or world-readable (an older checkout, a restore, a umask) would let any local user
// forge them.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ensureSecret = (options: { dataDir: string; name: string; bytes: number }): string => {
  const dir = join(options.dataDir, 'secrets');
  const file = join(dir, options.name);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!existsSync(file))
    writeFileSync(file, randomBytes(options.bytes).toString('base64url'), { mode: 0o600 });
  chmodSync(file, 0o600);
  return readFileSync(file, 'utf8').trim();
};
