// Installs Debian packages the project needs, when running as root on a machine that lacks them.
import { isRoot, run } from './process-utils.ts';

let updated = false;

export const aptInstall = (packages: string[], reason: string): void => {
  if (!isRoot() || run('which', ['apt-get']).status !== 0) {
    throw new Error(
      `${reason}: install the Debian/Ubuntu package(s) ${packages.join(', ')} (apt-get install -y ${packages.join(' ')}) and try again.`,
    );
  }
  console.log(`suture: installing ${packages.join(', ')} with apt (${reason})...`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    const update = run('apt-get', ['update', '-q'], { env, timeoutMs: 300_000 });
    if (update.status !== 0) throw new Error(`apt-get update failed:\n${update.stderr.slice(-2000)}`);
    updated = true;
  }
  const install = run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], {
    env,
    timeoutMs: 900_000,
  });
  if (install.status !== 0)
    throw new Error(`apt-get install ${packages.join(' ')} failed:\n${install.stderr.slice(-2000)}`);
};
