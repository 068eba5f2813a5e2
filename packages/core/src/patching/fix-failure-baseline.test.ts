// fixFailure on repositories that are broken in more than one way, as real ones are: validation compares with
// the unpatched tree instead of blaming the fix for what was already broken, and partial progress is reported.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../workspace/run-command.ts';
import { fixFailure } from './fix-failure.ts';
import type { FixReport } from './fix-report.ts';
import { ensureRepairFixture } from './testing/ensure-repair-fixture.ts';

const temp: string[] = [];
afterEach(async () => {
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

const git = async (cwd: string, args: string[]): Promise<void> => {
  const result = await runCommand({
    cwd,
    command: 'git',
    args: ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
  });
  if (result.exitCode !== 0) throw new Error(`git ${args.join(' ')}: ${result.output}`);
};

/** A clone of a repair fixture with one more commit adding `files`: a second, unrelated breakage. */
const cloneWith = async (id: string, files: Record<string, string>) => {
  const fixture = await ensureRepairFixture({ id });
  const dir = await mkdtemp(join(tmpdir(), 'suture-baseline-'));
  temp.push(dir);
  const repoDir = join(dir, 'repo');
  await git(dir, ['clone', '-q', fixture.repoDir, 'repo']);
  for (const [path, content] of Object.entries(files)) await writeFile(join(repoDir, path), content);
  await git(repoDir, ['add', '-A']);
  await git(repoDir, ['commit', '-q', '-m', 'chore: unrelated breakage']);
  return { ...fixture, repoDir };
};

describe('fixFailure against a baseline', () => {
  it('keeps a Prettier fix although tsc already fails on an unrelated file, and says so', async () => {
    const fixture = await cloneWith('prettier-drift', {
      // Written as the repository's Prettier (singleQuote, printWidth 100) would, so only the drift is left to fix.
      'tsconfig.json': [
        '{',
        '  "compilerOptions": {',
        '    "strict": true,',
        '    "noEmit": true,',
        '    "module": "NodeNext",',
        '    "moduleResolution": "NodeNext"',
        '  },',
        '  "include": ["src"]',
        '}',
        '',
      ].join('\n'),
      'src/broken.ts': "import { helper } from './missing-helper.js';\n\nexport const value: string = helper();\n",
    });
    const report = await fixFailure({ repoDir: fixture.repoDir, log: fixture.log, cacheDir: fixture.cacheDir });
    expect(report.outcome).toBe('fixed');
    expect(report.files).toEqual(['src/csv.js', 'src/jsonl.js']);
    const checks = report.attempts[0]?.validation?.checks ?? [];
    expect(checks.map((check) => [check.name, check.ok, check.accepted])).toEqual([
      ['type-check (tsc)', false, true],
      ['failing CI step: npm run format:check', true, true],
    ]);
    expect(checks[0]?.baseline).toMatchObject({
      ok: false,
      introduced: [],
      errors: [expect.stringMatching(/^src\/broken\.ts: TS2307 Cannot find module '\.\/missing-helper\.js'/)],
    });
    expect(report.baselineNotes).toEqual([
      'type-check (tsc) already failed before the patch (TS2307 in src/broken.ts); not caused by it.',
    ]);
    expect(report.reason).toContain('not caused by it');
  }, 240_000);

  it('still fails a patch that adds a type error of its own', async () => {
    const fixture = await cloneWith('ts-missing-import', {
      'src/other.ts': "export const count: number = 'three';\n",
    });
    const report = await fixFailure({ repoDir: fixture.repoDir, log: fixture.log, cacheDir: fixture.cacheDir });
    // The import fix resolves TS2304 and adds nothing, so the type-check is accepted; the rerun is not.
    const checks = report.attempts.find((a) => a.fixer === 'typescript-codefix')?.validation?.checks ?? [];
    expect(checks.map((check) => [check.kind, check.ok, check.accepted])).toEqual([
      ['build', false, true],
      ['rerun', false, false],
    ]);
  }, 240_000);
});

const withoutDurations = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutDurations);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'durationMs')
      .map(([key, inner]) => [key, withoutDurations(inner)]),
  );
};

describe('fixFailure with two errors, one fixable', () => {
  it('fails, lists what it fixed and what remains, shows the partial diff, and does so the same way every run', async () => {
    const fixture = await cloneWith('ts-missing-import', {
      'src/other.ts': "export const count: number = 'three';\n",
    });
    const run = async (): Promise<FixReport> =>
      fixFailure({ repoDir: fixture.repoDir, log: fixture.log, cacheDir: fixture.cacheDir, apply: true });
    const report = await run();
    expect(report.outcome).toBe('failed');
    expect(report.applied).toBe(false);
    expect(report.diff).toBe('');
    expect(report.progress).toMatchObject({
      fixer: 'typescript-codefix',
      check: 'failing CI step: npm run typecheck',
      fixed: ["src/post.ts: TS2304 Cannot find name 'slugify'."],
      remaining: ["src/other.ts: TS2322 Type 'string' is not assignable to type 'number'."],
      introduced: [],
    });
    expect(report.progress?.diff).toContain("+import { slugify } from './slug.js';");
    expect(report.reason).toMatch(/fixed 1 of 2 error\(s\).*TS2304 in src\/post\.ts.*still failing: TS2322 in src\/other\.ts/);
    const status = await runCommand({ cwd: fixture.repoDir, command: 'git', args: ['status', '--porcelain'] });
    expect(status.stdout).toBe('');
    // Deterministic: the same input gives the same report (workspace paths and timings aside).
    expect(withoutDurations(await run())).toEqual(withoutDurations(report));
  }, 480_000);
});
