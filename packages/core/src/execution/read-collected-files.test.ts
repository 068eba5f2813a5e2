import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readCollectedFiles } from './read-collected-files.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('readCollectedFiles', () => {
  it('reads result files in folders, but nothing through a symlink the run planted', async () => {
    const root = await mkdtemp(join(tmpdir(), 'suture-collect-'));
    const host = await mkdtemp(join(tmpdir(), 'suture-collect-host-'));
    dirs.push(root, host);
    await writeFile(join(host, 'secret.txt'), 'host secret\n');
    await mkdir(join(root, '.suture-results'));
    await writeFile(join(root, '.suture-results', 'junit.xml'), '<testsuites/>\n');
    await symlink(join(host, 'secret.txt'), join(root, '.suture-results', 'leak.xml'));
    await symlink(host, join(root, 'reports'));
    const files = await readCollectedFiles({ rootDir: root, paths: ['.suture-results', 'reports', 'reports/secret.txt', '../', '/etc/hostname'] });
    expect(files).toEqual([{ path: '.suture-results/junit.xml', content: '<testsuites/>\n' }]);
  });
});
