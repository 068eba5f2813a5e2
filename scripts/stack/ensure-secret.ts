// Secrets `npm start` generates once and keeps under .data/secrets (0600), so restarts keep sessions,
// the dashboard's OIDC client and the demo users' password stable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ensureSecret = (options: { dataDir: string; name: string; bytes: number }): string => {
  const dir = join(options.dataDir, 'secrets');
  const file = join(dir, options.name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(options.bytes).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
};
