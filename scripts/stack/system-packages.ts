// Debian packages the product needs at run time (beyond the services): installed when missing, as root.
import { aptInstall } from './apt.ts';
import { which } from './process-utils.ts';

const needed: { binary: string; pkg: string; why: string }[] = [
  { binary: 'bwrap', pkg: 'bubblewrap', why: 'the local test sandbox' },
  { binary: 'git', pkg: 'git', why: 'workspaces and fix branches' },
  { binary: 'prlimit', pkg: 'util-linux', why: 'sandbox resource limits' },
];

export const ensureSystemPackages = () => {
  const missing = needed.filter((n) => !which(n.binary));
  if (missing.length === 0) return;
  aptInstall([...new Set(missing.map((m) => m.pkg))], `needed for ${missing.map((m) => m.why).join(', ')}`);
};
