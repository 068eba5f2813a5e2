import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { realworldCasesDir, runRealworldBench } from '../bench-realworld.ts';
import { loadRealworldCases } from './load-realworld-cases.ts';
import { locateMirrors } from './locate-mirrors.ts';

const broken = 'a'.repeat(40);
const validCase = {
  id: 'acme-widget.js-aaaaaaaa',
  repo: 'acme/widget.js',
  language: 'typescript',
  broken,
  fix: 'b'.repeat(40),
  subdir: '.',
  setup: ['npm ci'],
  command: 'npm run lint',
  tests: 'npm test',
  category: 'lint_error',
  expected: 'fixed',
  why: 'an unused import broke lint; the human removed it; eslint --fix does the same',
};

let work: string;
let casesDir: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'rw-test-'));
  casesDir = join(work, 'cases');
  await mkdir(casesDir);
});
afterEach(async () => rm(work, { recursive: true, force: true }));

const writeCase = async (value: Record<string, unknown>, file = `${String(value.id)}.json`): Promise<void> =>
  writeFile(join(casesDir, file), JSON.stringify(value));

const bench = async (argv: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; text: string }> => {
  const lines: string[] = [];
  const code = await runRealworldBench({ argv, env, casesDir, print: (line) => lines.push(line) });
  return { code, text: lines.join('\n') };
};

describe('loadRealworldCases', () => {
  it('loads a valid manifest and filters by --only', async () => {
    await writeCase(validCase);
    await writeCase({ ...validCase, id: 'acme-widget.js-aaaaaaa', expected: 'not_fixed' });
    expect((await loadRealworldCases({ casesDir })).map((entry) => entry.id)).toEqual(['acme-widget.js-aaaaaaa', 'acme-widget.js-aaaaaaaa']);
    expect(await loadRealworldCases({ casesDir, only: ['acme-widget.js-aaaaaaa'] })).toHaveLength(1);
  });

  it('names every bad file and field', async () => {
    await writeCase({ ...validCase, broken: 'abc', extra: 1 });
    await writeCase({ ...validCase, category: 'nope' }, 'acme-widget.js-aaaaaaab.json');
    const error = await loadRealworldCases({ casesDir }).catch((caught: unknown) => caught);
    expect(String(error)).toMatch(/acme-widget\.js-aaaaaaaa\.json: broken: must be a full 40-hex commit sha/);
    expect(String(error)).toMatch(/Unrecognized key.*extra/);
    expect(String(error)).toMatch(/acme-widget\.js-aaaaaaab\.json: category/);
  });

  it('rejects an id that is not <owner>-<name>-<broken sha prefix>, or one that differs from the file name', async () => {
    await writeCase({ ...validCase, id: 'acme-widget.js-bbbbbbbb' });
    await writeCase(validCase, 'other-name-aaaaaaaa.json');
    const error = String(await loadRealworldCases({ casesDir }).catch((caught: unknown) => caught));
    expect(error).toMatch(/acme-widget\.js-bbbbbbbb\.json: id: id must be/);
    expect(error).toMatch(/other-name-aaaaaaaa\.json: id acme-widget\.js-aaaaaaaa does not match the file name/);
  });

  it('rejects an unknown --only id', async () => {
    await writeCase(validCase);
    await expect(loadRealworldCases({ casesDir, only: ['missing-case-1234567'] })).rejects.toThrow(/unknown case\(s\): missing-case-1234567/);
  });

  it('every committed manifest is valid, with unique ids', async () => {
    const cases = await loadRealworldCases({ casesDir: realworldCasesDir });
    expect(cases.length).toBeGreaterThan(0);
    expect(new Set(cases.map((entry) => `${entry.repo}@${entry.broken}`)).size).toBe(cases.length);
  });
});

describe('the missing mirrors folder', () => {
  it('without SUTURE_REALWORLD_DIR exits 2 and prints how to fill it', async () => {
    await writeCase(validCase);
    const { code, text } = await bench([]);
    expect(code).toBe(2);
    expect(text).toMatch(/SUTURE_REALWORLD_DIR is not set/);
    expect(text).toContain('git clone --mirror https://github.com/acme/widget.js.git "$SUTURE_REALWORLD_DIR/acme+widget.js.git"');
  });

  it('with a folder that lacks a repository exits 2 and names the clone command for it', async () => {
    await writeCase(validCase);
    const dir = join(work, 'mirrors');
    await mkdir(dir);
    const { code, text } = await bench([], { SUTURE_REALWORLD_DIR: dir });
    expect(code).toBe(2);
    expect(text).toContain(`git clone --mirror https://github.com/acme/widget.js.git "${dir}/acme+widget.js.git"`);
  });

  it('finds each layout, and reports a mirror that lacks the case commits as stale', async () => {
    const dir = join(work, 'mirrors');
    for (const layout of ['acme+a/repo', 'acme+b.git', 'acme+c']) execFileSync('git', ['init', '--quiet', '--bare', join(dir, layout)]);
    const cases = ['acme/a', 'acme/b', 'acme/c', 'acme/d'].map((repo) => ({ repo, broken, fix: 'b'.repeat(40) }));
    const lookup = await locateMirrors({ dir, cases });
    expect(lookup.missing).toEqual(['acme/d']);
    expect(lookup.stale.map((entry) => entry.repo)).toEqual(['acme/a', 'acme/b', 'acme/c']);
    expect(lookup.stale[0]?.gitDir).toBe(join(dir, 'acme+a/repo'));
    await writeCase({ ...validCase, id: 'acme-a-aaaaaaaa', repo: 'acme/a' });
    const { code, text } = await bench(['--dir', dir]);
    expect(code).toBe(2);
    expect(text).toMatch(/fetch --prune origin .*# lacks aaaaaaaaaaaa, bbbbbbbbbbbb/);
  });
});
