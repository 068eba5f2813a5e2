import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyFixerChanges } from './apply-fixer-changes.ts';
import { defaultFixerLimits, snapshotFixerCandidates } from './snapshot-fixer-candidates.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const makeWorkspace = async (): Promise<{ dir: string; outside: string }> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-candidates-'));
  const outside = await mkdtemp(join(tmpdir(), 'suture-outside-'));
  dirs.push(dir, outside);
  await mkdir(join(dir, 'src'));
  await mkdir(join(dir, '.git', 'hooks'), { recursive: true });
  await writeFile(join(dir, 'src', 'a.js'), 'a\n');
  await writeFile(join(dir, '.git', 'config'), '[core]\n');
  await writeFile(join(dir, 'binary.dat'), Buffer.from([0xff, 0xfe, 0x00]));
  await writeFile(join(outside, 'secret.txt'), 'secret\n');
  await symlink(join(outside, 'secret.txt'), join(dir, 'link.js'));
  await symlink(outside, join(dir, 'linked-dir'));
  return { dir, outside };
};

describe('snapshotFixerCandidates', () => {
  it('keeps only existing regular UTF-8 files inside the workspace, reached through no symlink, outside .git', async () => {
    const { dir } = await makeWorkspace();
    const snapshot = await snapshotFixerCandidates({
      workspaceDir: dir,
      paths: ['src/a.js', './src/a.js', '.git/config', 'src/../.git/config', '../x', '/etc/passwd', 'link.js', 'linked-dir/secret.txt', 'binary.dat', 'missing.js', '.'],
      limits: defaultFixerLimits,
    });
    expect([...snapshot.keys()]).toEqual(['src/a.js']);
    expect(snapshot.get('src/a.js')?.toString()).toBe('a\n');
  });

  it('refuses more files than the limit with a clear error', async () => {
    const { dir } = await makeWorkspace();
    await expect(snapshotFixerCandidates({ workspaceDir: dir, paths: ['a', 'b', 'c'], limits: { maxFiles: 2, maxFileBytes: 100 } })).rejects.toThrow(/at most 2 files/);
  });
});

describe('applyFixerChanges', () => {
  it('writes changed candidates only, and not through a path swapped for a symlink after the snapshot', async () => {
    const { dir, outside } = await makeWorkspace();
    await writeFile(join(dir, 'src', 'b.js'), 'b\n');
    await writeFile(join(dir, 'src', 'c.js'), 'c\n');
    const candidates = await snapshotFixerCandidates({ workspaceDir: dir, paths: ['src/a.js', 'src/b.js', 'src/c.js'], limits: defaultFixerLimits });
    await rm(join(dir, 'src', 'b.js'));
    await symlink(join(outside, 'secret.txt'), join(dir, 'src', 'b.js'));
    const changed = await applyFixerChanges({
      workspaceDir: dir,
      candidates,
      collected: [
        { path: 'src/a.js', content: 'fixed\n' },
        { path: 'src/b.js', content: 'overwrite the secret\n' },
        { path: 'src/c.js', content: 'c\n' },
        { path: '.git/config', content: '[core]\n\tfsmonitor = touch /tmp/x\n' },
        { path: 'new.js', content: 'new\n' },
      ],
      limits: defaultFixerLimits,
    });
    expect(changed).toEqual(['src/a.js']);
    expect(await readFile(join(dir, 'src', 'a.js'), 'utf8')).toBe('fixed\n');
    expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret\n');
    expect(await readFile(join(dir, '.git', 'config'), 'utf8')).toBe('[core]\n');
  });
});
