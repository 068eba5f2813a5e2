import { homedir } from 'node:os';
import { join } from 'node:path';
import { isReachableByOthers } from '../execution/is-reachable-by-others.ts';

/**
 * The CLI's cache (shared dependency installs, the egress forwarder): SUTURE_CACHE_DIR, else ~/.cache/suture,
 * except as root with a private home. The sandbox then runs each command as its own unprivileged uid, which
 * must read the shared install, so the cache moves to /var/cache/suture (the system's place for it).
 */
export const resolveCacheDir = ({ configured }: { configured?: string | undefined }): string => {
  if (configured) return configured;
  if (process.getuid?.() !== 0 || isReachableByOthers({ path: homedir() })) return join(homedir(), '.cache', 'suture');
  return '/var/cache/suture';
};
