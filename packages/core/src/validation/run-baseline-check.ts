import { chmod, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { CommandRunner } from '../workspace/create-sandboxed-runner.ts';
import { runCommand, type CommandResult } from '../workspace/run-command.ts';
import type { Workspace } from '../workspace/workspace.ts';
import type { ValidationCheck } from './validation-check.ts';

// One cache per workspace, keyed by the commit the tree is at and the check: a baseline never changes for them.
const cache = new WeakMap<Workspace, Map<string, Promise<CommandResult>>>();

type Saved = { path: string; content: Buffer | null; mode: number };

const save = async (dir: string, files: readonly string[]): Promise<Saved[]> =>
  Promise.all(
    files.map(async (path) => {
      const info = await stat(join(dir, path)).catch(() => null);
      return {
        path,
        content: info?.isFile() ? await readFile(join(dir, path)) : null,
        mode: info?.mode ?? 0o644,
      };
    }),
  );

const restore = async (dir: string, saved: readonly Saved[]): Promise<void> => {
  for (const file of saved) {
    const path = join(dir, file.path);
    if (file.content === null) {
      await rm(path, { force: true });
      continue;
    }
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
    await chmod(path, file.mode & 0o7777);
  }
};

/**
 * Runs `check` on the tree as it was before the change under judgement (the last checkpoint): the changed
 * files are put back to their checkpointed content for the run, then the change is restored byte for byte.
 * Cached per workspace, commit and check, so each check's baseline runs at most once per fix.
 */
export const runBaselineCheck = async (options: {
  workspace: Workspace;
  check: ValidationCheck;
  changedFiles: readonly string[];
  timeoutMs: number;
  run?: CommandRunner;
}): Promise<CommandResult> => {
  const { workspace, check } = options;
  const head = (await workspace.git.revparse(['HEAD'])).trim();
  const key = JSON.stringify([head, check.command, check.args, check.env]);
  const byKey = cache.get(workspace) ?? new Map<string, Promise<CommandResult>>();
  cache.set(workspace, byKey);
  const known = byKey.get(key);
  if (known) return known;
  const pending = (async (): Promise<CommandResult> => {
    const dir = workspace.dir;
    const files = [...options.changedFiles].sort();
    const saved = await save(dir, files);
    try {
      const tracked =
        files.length > 0
          ? (await workspace.git.raw(['ls-tree', '-r', '--name-only', '-z', 'HEAD', '--', ...files]))
              .split('\0')
              .filter((name) => name.length > 0)
          : [];
      const trackedSet = new Set(tracked);
      for (const file of files) if (!trackedSet.has(file)) await rm(join(dir, file), { force: true });
      if (tracked.length > 0) await workspace.git.raw(['checkout', 'HEAD', '--', ...tracked]);
      return await (options.run ?? runCommand)({
        cwd: check.cwd ? join(dir, check.cwd) : dir,
        command: check.command,
        args: check.args,
        env: check.env,
        timeoutMs: options.timeoutMs,
      });
    } finally {
      await restore(dir, saved);
    }
  })();
  byKey.set(key, pending);
  return pending;
};
