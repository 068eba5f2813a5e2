import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleGit } from 'simple-git';
import { afterEach, describe, expect, it } from 'vitest';
import { findRenamedExport } from './find-renamed-export.ts';

const temp: string[] = [];
afterEach(async () => {
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

const history = async (versions: string[]): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-rename-'));
  temp.push(dir);
  const git = simpleGit(dir);
  await git.init().addConfig('user.name', 't').addConfig('user.email', 't@t');
  for (const [index, text] of versions.entries()) {
    await writeFile(join(dir, 'money.ts'), text);
    await git.add('.').commit(`v${index}`);
  }
  return dir;
};

describe('findRenamedExport', () => {
  it('finds the new name of a renamed export', async () => {
    const dir = await history([
      'export function formatPrice(c: number) {}\n',
      'export function formatMoney(c: number) {}\n',
    ]);
    expect(await findRenamedExport({ git: simpleGit(dir), file: 'money.ts', name: 'formatPrice' })).toBe(
      'formatMoney',
    );
  });

  it('returns null when the export was deleted, or renamed in two different ways', async () => {
    const deleted = await history([
      'export function formatPrice(c: number) {}\nexport const x = 1;\n',
      'export const x = 1;\n',
    ]);
    expect(
      await findRenamedExport({ git: simpleGit(deleted), file: 'money.ts', name: 'formatPrice' }),
    ).toBeNull();
    const twice = await history([
      'export const a = 1;\n',
      'export const b = 1;\n',
      'export const a = 1;\n',
      'export const c = 1;\n',
    ]);
    expect(await findRenamedExport({ git: simpleGit(twice), file: 'money.ts', name: 'a' })).toBeNull();
  });
});
