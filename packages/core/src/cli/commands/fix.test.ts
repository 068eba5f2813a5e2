import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureRepairFixture } from '../../patching/testing/ensure-repair-fixture.ts';
import { runFixCommand } from './fix.ts';

const temp: string[] = [];
afterEach(async () => {
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (text: string) => out.push(text), stderr: (text: string) => err.push(text) },
  };
};

describe('suture fix', () => {
  it('prints one JSON object as the last stdout line', async () => {
    const fixture = await ensureRepairFixture({ id: 'gofmt-drift' });
    const cache = await mkdtemp(join(tmpdir(), 'suture-cache-'));
    temp.push(cache);
    const { out, io } = capture();
    const code = await runFixCommand({
      repoDir: fixture.repoDir,
      flags: { log: fixture.logFile, format: 'json' },
      // The CLI gets the real environment; PATH is how the sandbox finds the Go toolchain (/usr/local/go/bin).
      env: { SUTURE_CACHE_DIR: cache, PATH: process.env.PATH },
      io,
    });
    expect(code).toBe(0);
    const last = out.join('').trimEnd().split('\n').at(-1) ?? '';
    const result = JSON.parse(last) as Record<string, unknown>;
    expect(result).toMatchObject({
      outcome: 'fixed',
      guardrails: [],
      diagnosis: { category: 'format_error' },
    });
    const risk = result.risk as { score: unknown; reasons: unknown };
    expect(typeof risk.score).toBe('number');
    expect(Array.isArray(risk.reasons)).toBe(true);
    expect(result.diff).toContain('--- a/jitter.go\n+++ b/jitter.go');
    expect(result.attempts).toHaveLength(1);
  });

  it('exits 2 with a message for bad input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-cli-'));
    temp.push(dir);
    const missingRepo = capture();
    expect(
      await runFixCommand({
        repoDir: join(dir, 'nope'),
        flags: { log: join(dir, 'x.log'), format: 'text' },
        env: {},
        io: missingRepo.io,
      }),
    ).toBe(2);
    expect(missingRepo.err.join('')).toContain('repository directory not found');
    const missingLog = capture();
    expect(
      await runFixCommand({
        repoDir: dir,
        flags: { log: join(dir, 'x.log'), format: 'text' },
        env: {},
        io: missingLog.io,
      }),
    ).toBe(2);
    expect(missingLog.err.join('')).toContain('cannot read log file');
    await writeFile(join(dir, 'x.log'), 'error\n');
    const badFormat = capture();
    expect(
      await runFixCommand({
        repoDir: dir,
        flags: { log: join(dir, 'x.log'), format: 'yaml' },
        env: {},
        io: badFormat.io,
      }),
    ).toBe(2);
    expect(badFormat.err.join('')).toContain('--format');
  });
});
