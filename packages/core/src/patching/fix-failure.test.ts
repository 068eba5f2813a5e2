import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCommand } from '../workspace/run-command.ts';
import { fixFailure } from './fix-failure.ts';
import { ensureRepairFixture } from './testing/ensure-repair-fixture.ts';

const temp: string[] = [];
afterEach(async () => {
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('fixFailure', () => {
  it('fixes a lint failure offline, validated by re-running the failing step, and leaves the repository untouched', async () => {
    const fixture = await ensureRepairFixture({ id: 'eslint-errors' });
    const before = await readFile(join(fixture.repoDir, 'src/discount.js'), 'utf8');
    const report = await fixFailure({
      repoDir: fixture.repoDir,
      log: fixture.log,
      cacheDir: fixture.cacheDir,
    });
    expect(report.outcome).toBe('fixed');
    expect(report.diff).toContain('--- a/src/discount.js\n+++ b/src/discount.js');
    expect(report.guardrails).toEqual([]);
    expect(report.attempts).toHaveLength(1);
    expect(report.attempts[0]?.validation?.checks.map((check) => check.name)).toContain(
      'failing CI step: npm run lint',
    );
    expect(report.risk.score).toBeLessThan(20);
    expect(await readFile(join(fixture.repoDir, 'src/discount.js'), 'utf8')).toBe(before);
    expect(
      (await runCommand({ cwd: fixture.repoDir, command: 'git', args: ['status', '--porcelain'] })).stdout,
    ).toBe('');
  });

  it('writes the patch into the repository with apply', async () => {
    const fixture = await ensureRepairFixture({ id: 'rust-missing-mut' });
    const dir = await mkdtemp(join(tmpdir(), 'suture-apply-'));
    temp.push(dir);
    await runCommand({ cwd: dir, command: 'git', args: ['clone', '-q', fixture.repoDir, 'repo'] });
    const repoDir = join(dir, 'repo');
    const report = await fixFailure({ repoDir, log: fixture.log, apply: true });
    expect(report).toMatchObject({ outcome: 'fixed', applied: true });
    expect(await readFile(join(repoDir, 'src/lib.rs'), 'utf8')).toContain(
      'let mut totals = BTreeMap::new();',
    );
    expect((await runCommand({ cwd: repoDir, command: 'cargo', args: ['build', '--quiet'] })).exitCode).toBe(
      0,
    );
  });

  it('does not claim a genuine logic bug offline', async () => {
    const fixture = await ensureRepairFixture({ id: 'logic-bug' });
    const report = await fixFailure({
      repoDir: fixture.repoDir,
      log: fixture.log,
      cacheDir: fixture.cacheDir,
    });
    // Offline, the only candidate left is the weakening probe, and it is refused on the record.
    expect(report.outcome).toBe('refused');
    expect(report.attempts.map((a) => [a.fixer, a.kept])).toEqual([['weakening-probe', false]]);
    expect(report.reason).toMatch(/A human must fix the code or change the test on purpose/);
    expect(report.diagnosis.category).toBe('test_failure');
  });

  it('does not fix a failure whose only "fix" is editing the test', async () => {
    const fixture = await ensureRepairFixture({ id: 'weakening-test' });
    const report = await fixFailure({
      repoDir: fixture.repoDir,
      log: fixture.log,
      cacheDir: fixture.cacheDir,
    });
    expect(report.outcome).toBe('refused');
    expect(report.guardrails).toContainEqual(
      expect.objectContaining({ rule: 'test-skipped', file: 'test/config.test.js', severity: 'block' }),
    );
    expect(report.diff).toContain("+test.skip('rejects unknown keys'");
    expect(report.reason).toContain('(rejects unknown keys)');
    expect(report.risk.reasons.map((r) => r.factor)).toContain('strategy');
    expect(await readFile(join(fixture.repoDir, 'test/config.test.js'), 'utf8')).not.toContain('test.skip');
  });
});
