// Makes sure there is a dashboard build for `next start`. Under `npm test` the web workspace's tests have
// just built it (turbo), so an existing build is used as is: rebuilding would race anyone else's `next
// build` in the same checkout. Only a missing build is made here; an existing one older than the
// source is used with a warning that says how to rebuild.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './stack-state.ts';

const BUILD_TIMEOUT_MS = 10 * 60_000;
const webDir = join(repoRoot, 'apps/web');

const newestMtime = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }, 0);

/** Returns what it did, for the setup's progress line. */
export const buildWebApp = ({ env }: { env: NodeJS.ProcessEnv }): string => {
  const buildId = join(webDir, '.next', 'BUILD_ID');
  if (existsSync(buildId)) {
    const stale = newestMtime(join(webDir, 'src')) > statSync(buildId).mtimeMs;
    return stale
      ? 'WARNING: apps/web/src changed after the last dashboard build; the specs drive the old build (rebuild with `npm run build -w @suture/web`)'
      : 'dashboard build found';
  }
  const result = spawnSync(
    join(repoRoot, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', '--filter=@suture/web', '--output-logs=errors-only'],
    { cwd: repoRoot, env, encoding: 'utf8', timeout: BUILD_TIMEOUT_MS },
  );
  if (result.status !== 0)
    throw new Error(
      `building the dashboard failed (exit ${result.status ?? result.signal}):\n${`${result.stdout}\n${result.stderr}`.slice(-6000)}`,
    );
  return 'dashboard built (apps/web/.next was missing)';
};
