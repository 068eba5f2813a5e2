import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalizeLog } from './normalize-log.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/diagnosis/${name}`, import.meta.url), 'utf8');

describe('normalizeLog', () => {
  it('reads GitHub Actions logs: BOM, timestamps, groups, error annotations, steps and exit code', () => {
    const text = fixture('gha-tsc.log');
    const log = normalizeLog({ text });
    expect(log.format).toBe('github_actions');
    expect(log.lines[0]?.text).toBe("Current runner version: '2.321.0'");
    expect(log.lines.every((line) => !/^\d{4}-\d\d-\d\dT/.test(line.text))).toBe(true);
    expect(log.steps.map((step) => step.name)).toEqual(['Set up job', 'Run npm ci', 'Run npx tsc --noEmit -p .', 'Post job cleanup']);
    expect(log.failingStep).toMatchObject({ name: 'Run npx tsc --noEmit -p .', exitCode: 2, command: 'npx tsc --noEmit -p .' });
    const annotation = log.lines.find((line) => line.annotation === 'error');
    expect(annotation?.text).toBe('Process completed with exit code 2.');
    // The map back: every normalized line points at the original line that holds its text.
    const original = text.split('\n');
    for (const line of log.lines) expect(original[line.line - 1]).toContain(line.text);
  });

  it('marks echoed step scripts as headers so they are not mistaken for output', () => {
    const log = normalizeLog({ text: fixture('gha-eslint.log') });
    const echoed = log.lines.find((line) => line.text === 'npm run lint');
    expect(echoed?.header).toBe(true);
    expect(log.lines.find((line) => line.text.includes("'readFile' is defined"))?.header).toBe(false);
  });

  it('reads Travis logs: fold and time markers, \\r\\n, ANSI, commands and exit reports', () => {
    const log = normalizeLog({ text: fixture('travis-mocha.log') });
    expect(log.format).toBe('travis');
    expect(log.steps.map((step) => step.command)).toEqual([null, 'npm install', 'npm test']);
    expect(log.steps[1]).toMatchObject({ exitCode: 0, failed: false });
    expect(log.failingStep).toMatchObject({ command: 'npm test', exitCode: 1 });
    expect(log.lines.some((line) => line.text.includes('travis_'))).toBe(false);
    expect(log.lines.some((line) => line.text.includes('\x1b'))).toBe(false);
  });

  it('keeps the last visible state of \\r progress lines', () => {
    const log = normalizeLog({ text: 'start\nProgress 10%\rProgress 50%\rProgress 100%\r\nend' });
    expect(log.lines.map((line) => [line.line, line.text])).toEqual([[1, 'start'], [2, 'Progress 100%'], [3, 'end']]);
  });

  it('treats a log without CI markers as one plain step and finds a tool-reported exit code', () => {
    const log = normalizeLog({ text: fixture('make-gcc.log') });
    expect(log.format).toBe('plain');
    expect(log.steps).toHaveLength(1);
    expect(log.failingStep).toMatchObject({ name: 'log', exitCode: 1 });
  });

  it('reads `gh run view --log` output, where each line carries job and step names', () => {
    const text = ['build\tSet up job\t2026-01-01T00:00:00.0000000Z Runner', 'build\tRun tests\t2026-01-01T00:00:01.0000000Z FAIL src/a.test.ts', 'build\tRun tests\t2026-01-01T00:00:02.0000000Z ##[error]Process completed with exit code 1.'].join('\n');
    const log = normalizeLog({ text });
    expect(log.failingStep).toMatchObject({ name: 'Run tests', exitCode: 1 });
    expect(log.lines[1]?.text).toBe('FAIL src/a.test.ts');
  });
});
