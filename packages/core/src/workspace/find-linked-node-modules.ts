import { lstat, readlink, realpath } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { isReachableByOthers } from '../execution/is-reachable-by-others.ts';
import type { Sandbox } from '../execution/sandbox-types.ts';

export type FindLinkedNodeModulesOptions = { sandbox: Sandbox; workspaceDir: string };

/** The workspace's node_modules when it links to a shared install (linked-cache / linked-source): bound read-only. */
export const findLinkedNodeModules = async (options: FindLinkedNodeModulesOptions): Promise<Array<{ source: string; target: string }>> => {
  const path = join(options.workspaceDir, 'node_modules');
  const info = await lstat(path).catch(() => null);
  if (!info?.isSymbolicLink()) return [];
  const target = await readlink(path);
  if (!isAbsolute(target)) return [];
  const source = await realpath(path).catch(() => null);
  if (!source) return [];
  // As root the local sandbox runs each command as its own unprivileged uid, and bubblewrap (as that uid) cannot
  // bind a folder under a private ancestor. Said plainly here; otherwise every check fails with a bind error
  // and a good fix is rolled back as if it had broken the build.
  if (options.sandbox.backend === 'local' && process.getuid?.() === 0 && !isReachableByOthers({ path: source }))
    throw new AppError(
      'UNAVAILABLE',
      `the shared dependency install ${source} lies under a private folder the sandbox's user cannot traverse; keep Suture's cache under a folder others may traverse (mode 0711)`,
    );
  return [{ source, target }];
};
