import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  defaultCacheDir,
  defaultFixtureDir,
  makeRepairFixtures,
  repairSpecDir,
} from '../../../scripts/make-repair-fixtures.ts';

const hashTree = async (dir: string, hash: ReturnType<typeof createHash>): Promise<void> => {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, entry.name);
    hash.update(path);
    if (entry.isDirectory()) await hashTree(path, hash);
    else hash.update(await readFile(path));
  }
};

/**
 * Returns the generated repository and log of one repair case, generating it only when missing or when its
 * spec changed. A lock directory keeps parallel test files from generating the same case twice.
 */
export const ensureRepairFixture = async (options: {
  id: string;
}): Promise<{ repoDir: string; logFile: string; log: string; cacheDir: string }> => {
  const { id } = options;
  const hash = createHash('sha256');
  await hashTree(join(repairSpecDir, 'cases', id), hash);
  await hashTree(join(repairSpecDir, 'templates'), hash);
  const stamp = hash.digest('hex');
  const repoDir = join(defaultFixtureDir, id);
  const logFile = join(defaultFixtureDir, `${id}.log`);
  const stampFile = join(defaultFixtureDir, `${id}.stamp`);
  const lock = join(defaultFixtureDir, `${id}.lock`);
  await mkdir(defaultFixtureDir, { recursive: true });
  const current = async (): Promise<boolean> =>
    (await readFile(stampFile, 'utf8').catch(() => '')) === stamp &&
    (await stat(logFile).then(
      () => true,
      () => false,
    ));
  for (let waited = 0; !(await current()); waited += 1) {
    const acquired = await mkdir(lock).then(
      () => true,
      () => false,
    );
    if (acquired) {
      try {
        if (!(await current())) {
          await makeRepairFixtures({ only: [id] });
          await writeFile(stampFile, stamp);
        }
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    } else {
      // Someone else is generating it; a lock older than 5 minutes is from a crashed run.
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now());
      if (age > 300_000) await rm(lock, { recursive: true, force: true });
      await sleep(500);
    }
    if (waited > 1200) throw new Error(`timed out waiting for fixture ${id}`);
  }
  return {
    repoDir,
    logFile,
    log: await readFile(logFile, 'utf8'),
    cacheDir: join(defaultCacheDir, 'node-modules'),
  };
};
