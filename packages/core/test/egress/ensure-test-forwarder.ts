import { fileURLToPath } from 'node:url';
import { ensureEgressForwarder } from '../../src/egress/ensure-egress-forwarder.ts';
import { findExecutable } from '../../src/execution/find-executable.ts';

const searchPath = '/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const toolsDir = fileURLToPath(new URL('../../../../.data/tools', import.meta.url));

/** The forwarder binary, built once into the repository's tool cache (.data/tools) like the product does. */
export const ensureTestForwarder = async (): Promise<string> => {
  const go = await findExecutable({ name: 'go', searchPath });
  if (!go) throw new Error('the egress tests need Go to build the sandbox forwarder (apt-get install -y golang, or /usr/local/go)');
  return ensureEgressForwarder({ toolsDir, goBinary: go, env: { PATH: searchPath, HOME: '/root' } });
};
