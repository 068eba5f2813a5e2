import { posix } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import type { RootEntry } from './detect-root-layout.ts';
import { sandboxHomePath, sandboxWorkspacePath } from './sandbox-types.ts';

export type BuildBwrapArgsOptions = {
  rootLayout: RootEntry[];
  workspaceHostDir: string;
  /** Relative to the workspace root. */
  cwd?: string;
  env: Record<string, string>;
  /** Host directories bound read-only at a sandbox path (the run's egress socket directory). */
  readOnlyBinds?: Array<{ source: string; target: string }>;
  tmpBytes: number;
  /** System directories shared read-only; /usr and /etc cover a Debian-style host. */
  readOnlyPaths?: string[];
  /** Toolchains outside /usr (e.g. /usr/local/go is covered, /opt/jdk is not); bound read-only when present. */
  toolchainPaths?: string[];
};

/**
 * The bubblewrap argument vector (everything between `bwrap` and the command). Pure, so the isolation policy
 * can be read and tested in one place:
 * - every namespace unshared (net, pid, ipc, uts, user, cgroup) and no nested user namespaces, so nothing can
 *   reach host services on 127.0.0.1 or re-gain privileges. There is no option to share the host's network:
 *   the install phase reaches registries only through the egress proxy's socket (see egress/);
 * - the system read-only, a private size-capped /tmp and HOME, only the workspace copy writable;
 * - a new session so the command cannot inject keystrokes into our terminal (TIOCSTI);
 * - an empty environment plus the explicit scrubbed one.
 */
export const buildBwrapArgs = (options: BuildBwrapArgsOptions): string[] => {
  const cwd = posix.normalize(posix.join(sandboxWorkspacePath, options.cwd ?? '.'));
  if (cwd !== sandboxWorkspacePath && !cwd.startsWith(`${sandboxWorkspacePath}/`)) {
    throw new AppError('BAD_INPUT', `working directory ${options.cwd ?? ''} escapes the workspace`);
  }
  const args = ['--unshare-all', '--unshare-user', '--disable-userns'];
  args.push('--die-with-parent', '--new-session', '--hostname', 'suture-sandbox');
  for (const path of options.readOnlyPaths ?? ['/usr', '/etc']) args.push('--ro-bind', path, path);
  for (const entry of options.rootLayout) {
    if (entry.kind === 'symlink') args.push('--symlink', entry.target, entry.path);
    else args.push('--ro-bind', entry.path, entry.path);
  }
  args.push('--proc', '/proc', '--dev', '/dev');
  const tmpSize = String(Math.floor(options.tmpBytes));
  args.push('--size', tmpSize, '--tmpfs', '/tmp', '--size', tmpSize, '--tmpfs', sandboxHomePath);
  args.push('--bind', options.workspaceHostDir, sandboxWorkspacePath, '--chdir', cwd);
  // After the private /tmp and the workspace: bwrap mounts in order, so a bind under /tmp (a shared install in a
  // scratch folder) placed before them would be hidden by the tmpfs and the command would find nothing there.
  for (const path of options.toolchainPaths ?? []) args.push('--ro-bind-try', path, path);
  for (const bind of options.readOnlyBinds ?? []) args.push('--ro-bind', bind.source, bind.target);
  args.push('--clearenv');
  for (const [key, value] of Object.entries(options.env)) args.push('--setenv', key, value);
  // Last: the root tmpfs bwrap builds is writable until remounted; nothing but the binds above may be.
  args.push('--remount-ro', '/');
  return args;
};
