import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeLog } from './analyze-log.ts';
import { analyzeLogStream } from './analyze-log-stream.ts';
import { buildHeuristicResult } from './build-heuristic-result.ts';
import { MAX_LINE } from './bound-long-line.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/diagnosis/${name}`, import.meta.url), 'utf8');

/** Yields `text` in chunks of `size` bytes, splitting lines and multi-byte characters anywhere. */
const chunked = (text: string, size: number): Readable => {
  const bytes = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) parts.push(bytes.subarray(i, i + size));
  return Readable.from(parts);
};

describe('analyzeLogStream', () => {
  it.each(['gha-jest.log', 'travis-maven-compile.log', 'gha-vitest-snapshot.log'])('gives the in-memory answer for %s whatever the chunking', async (name) => {
    const text = fixture(name);
    const expected = buildHeuristicResult({ analysis: analyzeLog({ text }).analysis, durationMs: 0 }).result;
    for (const size of [7, 64, 4096]) {
      const { analysis, bytes } = await analyzeLogStream({ input: chunked(text, size) });
      expect(bytes).toBe(Buffer.byteLength(text));
      expect(analysis.totalLines).toBe(text.split('\n').length);
      expect(buildHeuristicResult({ analysis, durationMs: 0 }).result).toEqual(expected);
    }
  });

  it('keeps line numbers right across a megabyte-long line and finds the error after it', async () => {
    const huge = 'x'.repeat(3 * 1024 * 1024);
    const text = ['start', huge, 'src/main.c:3:1: error: expected declaration', 'make: *** [all] Error 1'].join('\n');
    const { analysis } = await analyzeLogStream({ input: chunked(text, 65536) });
    const result = buildHeuristicResult({ analysis, durationMs: 0 }).result;
    expect(analysis.totalLines).toBe(4);
    expect(result.evidence[0]?.start).toBe(3);
    expect(result.category).toBe('compile_error');
  });

  it('redacts secrets before they reach the evidence, even in long redrawn lines', async () => {
    const secret = ['gh', 'p_', 'Ab1'.repeat(12)].join('');
    const progress = `${'Downloading 1%\r'.repeat(2000)}fatal: Authentication failed for https://x:${secret}@github.com/a/b`;
    expect(progress.length).toBeGreaterThan(MAX_LINE);
    const { analysis } = await analyzeLogStream({ input: chunked(`clone\n${progress}\n`, 1000) });
    expect(JSON.stringify(analysis.regions)).not.toContain(secret);
    expect(JSON.stringify(analysis.regions)).toContain('Authentication failed');
  });
});

describe('analyzeLogStream on a 200 MB log', () => {
  it('keeps memory bounded while streaming', async () => {
    const block = Buffer.from(`${'2026-01-01T00:00:00.0000000Z [INFO] Downloading artifact 42 of 1000 from the cache\n'.repeat(11_000)}2026-01-01T00:00:00.0000000Z Error: flaky network blip\n`);
    const blocks = Math.ceil((200 * 1024 * 1024) / block.length);
    const linesPerBlock = block.toString().split('\n').length - 1;
    let peakRss = 0;
    // Produced lazily, block by block, as a file stream would: the log never exists in memory as a whole.
    function* generate(): Generator<Buffer> {
      for (let i = 0; i < blocks; i++) {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
        yield i === blocks - 1 ? Buffer.concat([block, Buffer.from('src/app.ts(3,1): error TS2322: boom\n')]) : block;
      }
    }
    const { analysis, bytes } = await analyzeLogStream({ input: Readable.from(generate(), { objectMode: true }) });
    expect(bytes).toBeGreaterThanOrEqual(200 * 1024 * 1024);
    // Every block line, the final error line, and the empty line after the last "\n".
    expect(analysis.totalLines).toBe(blocks * linesPerBlock + 2);
    const result = buildHeuristicResult({ analysis, durationMs: 0 }).result;
    const tsLine = blocks * linesPerBlock + 1;
    expect(result.evidence[0]?.start).toBeLessThanOrEqual(tsLine);
    expect(result.evidence[0]?.end).toBeGreaterThanOrEqual(tsLine);
    expect(result.category).toBe('type_error');
    expect(peakRss).toBeLessThan(300 * 1024 * 1024);
  }, 60_000);
});
