import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from './escape-markdown.ts';
import { renderCodeBlock } from './render-code-block.ts';
import { renderPullRequestBody } from './render-pull-request-body.ts';
import type { PullRequestBodyInput } from './render-pull-request-body.ts';

const base: PullRequestBodyInput = {
  diagnosis: {
    category: 'test_failure',
    summary: 'Cart total ignores discounts.',
    rootCause: 'applyDiscount() returns before rounding.',
  },
  evidence: {
    source: 'job test (node 20)',
    lines: [
      { number: 41, text: 'FAIL src/cart.test.ts' },
      { number: 42, text: 'Expected: 90  Received: 100' },
    ],
  },
  tests: [
    {
      name: 'cart > applies discount',
      before: 'fail',
      after: 'pass',
      runs: 20,
      failures: 0,
      failureRate: { lower: 0, upper: 0.161 },
    },
  ],
  risk: { score: 18, level: 'low', reasons: ['Touches one function', 'Covered by 3 tests'] },
  guardrails: [],
  dashboardUrl: 'https://suture.example/runs/abc',
};

describe('escapeMarkdown', () => {
  it('renders untrusted text literally: no HTML, no Markdown, no mentions, no ANSI', () => {
    const escaped = escapeMarkdown({
      text: '<img src=x onerror=alert(1)> **bold** [link](http://x) `code` @octocat #12 | \u001b[31mred\u001b[0m\nnext',
    });
    expect(escaped).not.toMatch(/<img/);
    expect(escaped).toContain('&lt;img');
    expect(escaped).toContain('\\*\\*bold\\*\\*');
    expect(escaped).toContain('\\[link\\]\\(http\\://x\\)');
    expect(escaped).toContain('\\`code\\`');
    expect(escaped).toContain('@&#8203;octocat');
    expect(escaped).toContain('\\#&#8203;12');
    expect(escaped).toContain('\\|');
    expect(escaped).not.toContain('\u001b');
    expect(escaped).not.toContain('\n');
  });
});

describe('renderCodeBlock', () => {
  it('uses a fence longer than any backtick run in the content', () => {
    const block = renderCodeBlock({
      lines: ['before', '```', 'inside ```` four', 'after'],
      language: 'text',
    });
    expect(block.startsWith('`````text\n')).toBe(true);
    expect(block.endsWith('\n`````')).toBe(true);
  });
});

describe('renderPullRequestBody', () => {
  it('renders diagnosis, numbered evidence, the test table, risk, guardrails and the dashboard link', () => {
    const { body, truncated } = renderPullRequestBody({
      ...base,
      guardrails: [
        {
          rule: 'no-skip',
          severity: 'info',
          message: 'No tests were skipped.',
          location: 'src/cart.test.ts:12',
        },
      ],
    });
    expect(truncated).toBe(false);
    expect(body).toContain('## 🩹 Suture: test\\_failure');
    expect(body).toContain('### Root cause\n\napplyDiscount\\(\\) returns before rounding\\.');
    expect(body).toContain('```text\n41 | FAIL src/cart.test.ts\n42 | Expected: 90  Received: 100\n```');
    expect(body).toContain('| Test | Before | After | Runs | Failures | Failure rate |');
    expect(body).toContain(
      '| cart &gt; applies discount | ❌ fail | ✅ pass | 20 | 0 | 0.0% – 16.1% (95% CI) |',
    );
    expect(body).toContain('### Risk: 18/100 (low)\n\n- Touches one function\n- Covered by 3 tests');
    expect(body).toContain('- ℹ️ **no\\-skip**: No tests were skipped\\. (`src/cart.test.ts:12`)');
    expect(body).toContain('[Review this fix on the Suture dashboard](https://suture.example/runs/abc)');
  });

  it('escapes hostile test names so they cannot break the table or inject HTML', () => {
    const { body } = renderPullRequestBody({
      ...base,
      tests: [
        {
          name: 'a | b <script>alert(1)</script>\n| injected | row |',
          before: 'fail',
          after: 'flaky',
          runs: 10,
          failures: 3,
        },
      ],
    });
    const row = body.split('\n').find((line) => line.startsWith('| a '));
    expect(row).toBeDefined();
    // Exactly the 7 unescaped pipes of a 6-column row.
    expect(row?.match(/(?<!\\)\|/g)).toHaveLength(7);
    expect(body).not.toContain('<script>');
    expect(body).not.toContain('\n| injected');
  });

  it('keeps log lines verbatim inside the code block, even ones that try to close it', () => {
    const { body } = renderPullRequestBody({
      ...base,
      evidence: {
        lines: [
          { number: 1, text: '```' },
          { number: 2, text: '<b>@octocat</b>' },
        ],
      },
    });
    expect(body).toContain('````text\n1 | ```\n2 | <b>@octocat</b>\n````');
  });

  it("fits GitHub's body limit with an explicit note, keeping the diagnosis and the dashboard link", () => {
    const tests = Array.from({ length: 3000 }, (_, index) => ({
      name: `suite ${index} > case with a long descriptive name ${'x'.repeat(40)}`,
      before: 'fail' as const,
      after: 'pass' as const,
      runs: 20,
      failures: 0,
    }));
    const lines = Array.from({ length: 5000 }, (_, index) => ({
      number: index + 1,
      text: `log line ${index} ${'y'.repeat(60)}`,
    }));
    const { body, truncated, omitted } = renderPullRequestBody({ ...base, tests, evidence: { lines } });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(truncated).toBe(true);
    expect(omitted.tests).toBeGreaterThan(0);
    expect(body).toContain('Cart total ignores discounts');
    expect(body).toContain("shortened to fit GitHub's size limit");
    expect(body).toMatch(/…and \d+ more tests on the dashboard/);
    expect(
      body.trimEnd().endsWith('[Review this fix on the Suture dashboard](https://suture.example/runs/abc)'),
    ).toBe(true);
    // Every opened fence is closed.
    expect((body.match(/^`{3,}/gm) ?? []).length % 2).toBe(0);
  });

  it('keeps the end of the evidence when it has to cut it', () => {
    const lines = Array.from({ length: 400 }, (_, index) => ({
      number: index + 1,
      text: `line ${index + 1}`,
    }));
    const { body, omitted } = renderPullRequestBody({ ...base, evidence: { lines }, maxLength: 3000 });
    expect(body.length).toBeLessThanOrEqual(3000);
    expect(omitted.evidenceLines).toBeGreaterThan(0);
    expect(body).toContain('400 | line 400');
    expect(body).toMatch(/_\d+ earlier lines omitted\._/);
  });

  it('neutralises a javascript: dashboard URL', () => {
    const { body } = renderPullRequestBody({ ...base, dashboardUrl: 'javascript:alert(1)' });
    expect(body).not.toContain('javascript:');
  });
});
