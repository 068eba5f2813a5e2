// Toolchains for the worker's sandbox. Sandboxed runs use an unprivileged uid when Suture runs as root,
// and that uid cannot traverse a private home: rustup's toolchain under /root (mode 0700) is invisible to
// it, so a Rust failure could never be reproduced. We mirror the active toolchain with hard links (no data
// is copied; well under a second) into a folder every uid can reach, and hand it to the worker as
// SUTURE_SANDBOX_TOOLCHAINS; the worker binds it read-only and puts its bin/ on the sandbox's PATH.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { isReachableByOthers } from '@suture/core/execution/is-reachable-by-others';
import { isRoot } from './process-utils.ts';

/** The root of each toolchain the host has (its bin/ holds the real binaries, not rustup's proxies). */
const toolchainProbes: { name: string; command: string; rootArgs: string[]; versionArgs: string[] }[] = [
  { name: 'rust', command: 'rustc', rootArgs: ['--print', 'sysroot'], versionArgs: ['--version'] },
  { name: 'go', command: 'go', rootArgs: ['env', 'GOROOT'], versionArgs: ['version'] },
];

const output = (command: string, args: string[], env: NodeJS.ProcessEnv): string | null => {
  const result = spawnSync(command, args, { env, encoding: 'utf8', timeout: 15_000 });
  return result.status === 0 ? result.stdout.trim() : null;
};

export type SandboxToolchains = { paths: string[]; notes: string[] };

/**
 * Returns the toolchain roots to bind into the sandbox, mirroring the unreachable ones under
 * `<toolsDir>/sandbox-toolchains`. An explicit SUTURE_SANDBOX_TOOLCHAINS wins.
 */
export const ensureSandboxToolchains = (options: {
  toolsDir: string;
  /** Used instead when toolsDir lies under /tmp, which the sandbox replaces with a private tmpfs. */
  fallbackDir: string;
  env: NodeJS.ProcessEnv;
}): SandboxToolchains => {
  const configured = options.env.SUTURE_SANDBOX_TOOLCHAINS;
  if (configured) return { paths: configured.split(':').filter(Boolean), notes: [] };
  const paths: string[] = [];
  const notes: string[] = [];
  for (const probe of toolchainProbes) {
    const root = output(probe.command, probe.rootArgs, options.env);
    if (!root || !existsSync(join(root, 'bin'))) continue;
    // Under /usr (e.g. /usr/local/go) it is bound already but its bin/ is not on the sandbox's PATH; as a
    // normal user the sandbox runs as that same user, who can reach it.
    if (root === '/usr' || !isRoot() || isReachableByOthers({ path: root })) {
      if (root !== '/usr') paths.push(root);
      continue;
    }
    const version = output(probe.command, probe.versionArgs, options.env) ?? '';
    const key = `${probe.name}-${basename(root)}-${createHash('sha256').update(`${root}\n${version}`).digest('hex').slice(0, 10)}`;
    const base = `${resolve(options.toolsDir)}/`.startsWith('/tmp/') ? options.fallbackDir : options.toolsDir;
    const mirror = join(base, 'sandbox-toolchains', key);
    if (!existsSync(join(mirror, 'bin'))) {
      mkdirSync(dirname(mirror), { recursive: true, mode: 0o755 });
      const staging = `${mirror}.tmp-${process.pid}`;
      rmSync(staging, { recursive: true, force: true });
      const copy = spawnSync('cp', ['-al', root, staging], { encoding: 'utf8', timeout: 120_000 });
      if (copy.status !== 0) {
        rmSync(staging, { recursive: true, force: true });
        notes.push(
          `${probe.name} at ${root} is not reachable by the sandbox and could not be hard-linked (${copy.stderr.trim()}); set SUTURE_SANDBOX_TOOLCHAINS to a copy every user can read`,
        );
        continue;
      }
      renameSync(staging, mirror);
    }
    if (!isReachableByOthers({ path: mirror })) {
      notes.push(
        `${probe.name}: ${mirror} is not reachable by the sandbox uid; set SUTURE_SANDBOX_TOOLCHAINS`,
      );
      continue;
    }
    paths.push(mirror);
  }
  return { paths, notes };
};
