import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixFailure } from '../fix-failure.ts';
import { ensureRepairFixture } from '../testing/ensure-repair-fixture.ts';
import { startFakeLlmServer } from '../testing/start-fake-llm-server.ts';
import type { FakeLlmServer } from '../testing/start-fake-llm-server.ts';

let server: FakeLlmServer;
beforeEach(async () => {
  server = await startFakeLlmServer();
});
afterEach(async () => server.close());

const settings = () => ({ anthropicApiKey: 'test-key', anthropicBaseUrl: server.url, model: 'claude-test' });
const fixSlice = {
  path: 'src/paginate.js',
  search: 'const start = current * pageSize - pageSize + 1;',
  replace: 'const start = (current - 1) * pageSize;',
};

describe('LLM strategy against a local Anthropic/Morph server', () => {
  it('fixes a logic bug with search/replace edits, validated by re-running the failing tests', async () => {
    const fixture = await ensureRepairFixture({ id: 'logic-bug' });
    server.claudeAnswers.push({
      explanation: 'start index is off by one',
      edits: [{ ...fixSlice, search: `    ${fixSlice.search}` }],
    });
    const report = await fixFailure({
      repoDir: fixture.repoDir,
      log: fixture.log,
      cacheDir: fixture.cacheDir,
      llm: settings(),
    });
    expect(report.outcome).toBe('fixed');
    expect(report.diff).toContain('+  const start = (current - 1) * pageSize;');
    expect(report.attempts).toEqual([
      expect.objectContaining({ fixer: 'claude+search-replace', strategy: 'llm', kept: true }),
    ]);
    expect(report.attempts[0]?.validation?.checks.map((check) => check.name)).toContain(
      'failing CI step: npm test',
    );
    const request = server.requests[0];
    expect(request?.headers.authorization).toBe('Bearer test-key');
    expect(JSON.stringify(request?.body)).toContain('src/paginate.js');
  });

  it('retries with the validation diagnostics fed back, rolling back the failed attempt', async () => {
    const fixture = await ensureRepairFixture({ id: 'logic-bug' });
    server.claudeAnswers.push(
      { explanation: 'first try', edits: [{ ...fixSlice, replace: 'const start = current * pageSize;' }] },
      { explanation: 'second try', edits: [fixSlice] },
    );
    const report = await fixFailure({
      repoDir: fixture.repoDir,
      log: fixture.log,
      cacheDir: fixture.cacheDir,
      llm: settings(),
    });
    expect(report.outcome).toBe('fixed');
    expect(report.attempts.map((attempt) => attempt.kept)).toEqual([false, true]);
    expect(report.attempts[0]?.validation?.ok).toBe(false);
    expect(report.diff).not.toContain('current * pageSize;');
    const second = JSON.stringify(server.requests[1]?.body);
    expect(second).toContain('previous_attempt');
    expect(second).toContain('Validation failed');
  });

  it('refuses a proposal that skips the failing test, on every attempt', async () => {
    const fixture = await ensureRepairFixture({ id: 'weakening-test' });
    server.claudeAnswers.push({
      explanation: 'the behaviour changed on purpose',
      edits: [
        {
          path: 'test/config.test.js',
          search: "test('rejects unknown keys'",
          replace: "test.skip('rejects unknown keys'",
        },
      ],
    });
    const report = await fixFailure({
      repoDir: fixture.repoDir,
      log: fixture.log,
      cacheDir: fixture.cacheDir,
      llm: { ...settings(), maxAttempts: 2 },
    });
    expect(report.outcome).toBe('refused');
    expect(report.attempts).toHaveLength(2);
    expect(report.guardrails).toContainEqual(
      expect.objectContaining({ rule: 'test-skipped', file: 'test/config.test.js', severity: 'block' }),
    );
    expect(report.diff).toContain("+test.skip('rejects unknown keys'");
    expect(await readFile(join(fixture.repoDir, 'test/config.test.js'), 'utf8')).not.toContain('test.skip');
    expect(JSON.stringify(server.requests[1]?.body)).toContain('Refused by guardrails');
  });

  it('merges lazy edits through Morph when it is configured', async () => {
    const fixture = await ensureRepairFixture({ id: 'logic-bug' });
    server.claudeAnswers.push({
      explanation: 'off by one',
      edits: [
        {
          path: 'src/paginate.js',
          instruction: 'Fix the start index.',
          codeEdit: `// ... existing code ...\n  ${fixSlice.replace}\n// ... existing code ...`,
        },
      ],
    });
    server.morphMerge = (code) => code.replace(fixSlice.search, fixSlice.replace);
    const report = await fixFailure({
      repoDir: fixture.repoDir,
      log: fixture.log,
      cacheDir: fixture.cacheDir,
      llm: { ...settings(), morphApiKey: 'morph-key', morphBaseUrl: server.url },
    });
    expect(report.outcome).toBe('fixed');
    expect(report.attempts[0]?.fixer).toBe('claude+morph');
    const morph = server.requests.find((request) => request.path === '/v1/chat/completions');
    expect(morph?.headers.authorization).toBe('Bearer morph-key');
    const content = JSON.stringify(morph?.body);
    expect(content).toContain('<instruction>Fix the start index.</instruction>');
    expect(content).toContain('<update>');
  });

  it('keeps the offline outcome when the model is unreachable', async () => {
    const fixture = await ensureRepairFixture({ id: 'logic-bug' });
    await server.close();
    const report = await fixFailure({
      repoDir: fixture.repoDir,
      log: fixture.log,
      cacheDir: fixture.cacheDir,
      llm: settings(),
    });
    // As offline: nothing but the weakening probe is left, and it is refused.
    expect(report.outcome).toBe('refused');
    expect(report.attempts.map((attempt) => attempt.fixer)).toEqual([expect.any(String), 'weakening-probe']);
    expect(report.attempts[0]?.notes.join(' ')).toContain('not applied');
    server = await startFakeLlmServer();
  });
});
