import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';
import { runCli } from './run-cli.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../../test/fixtures/diagnosis/${name}`, import.meta.url), 'utf8');

const cli = async (argv: string[], env: Record<string, string> = {}) => {
  let stdout = '';
  let stderr = '';
  const code = await runCli({
    argv,
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
};

describe('suture diagnose', () => {
  const dir = mkdtempSync(join(tmpdir(), 'suture-cli-'));
  const plain = join(dir, 'tsc.log');
  const gz = join(dir, 'pytest.log.gz');
  writeFileSync(plain, fixture('gha-tsc.log'));
  writeFileSync(gz, gzipSync(fixture('gha-pytest.log')));

  it('prints one DiagnosisResult per file as jsonl, with the path as given', async () => {
    const { code, stdout } = await cli(['diagnose', plain, gz, '--format', 'jsonl']);
    expect(code).toBe(0);
    const rows = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rows.map((row) => row.file)).toEqual([plain, gz]);
    expect(rows.map((row) => row.category)).toEqual(['type_error', 'test_failure']);
    for (const row of rows) expect(() => DiagnosisResult.parse(row)).not.toThrow();
  });

  it('reports unreadable files on stderr, still processes the others and exits 2', async () => {
    const missing = join(dir, 'missing.log');
    const { code, stdout, stderr } = await cli(['diagnose', missing, plain, '--format', 'jsonl']);
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot read ${missing}: no such file`);
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('renders text for humans by default and a JSON array with --format json', async () => {
    const text = await cli(['diagnose', plain]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('category:     type_error');
    expect(text.stdout).toContain('failing step: Run npx tsc --noEmit -p . (exit code 2');
    const json = await cli(['diagnose', plain, '--format', 'json']);
    const parsed = JSON.parse(json.stdout) as { file: string }[];
    expect(parsed).toHaveLength(1);
    expect(parsed[0]?.file).toBe(plain);
  });

  it('rejects an unknown format and an invalid environment with exit 2', async () => {
    expect((await cli(['diagnose', plain, '--format', 'xml'])).code).toBe(2);
    const bad = await cli(['diagnose', plain], { ANTHROPIC_API_KEY: 'k', ANTHROPIC_BASE_URL: 'not a url' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ANTHROPIC_BASE_URL');
  });

  it('stays offline with --offline even when a key is configured', async () => {
    const { code, stdout } = await cli(['diagnose', plain, '--format', 'jsonl', '--offline'], {
      ANTHROPIC_API_KEY: 'k',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:9',
    });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { engine: string }).engine).toBe('heuristic');
  });
});
