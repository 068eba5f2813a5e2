import { escapeMarkdown } from './escape-markdown.ts';
import { renderCodeBlock } from './render-code-block.ts';

export type TestVerdictLabel = 'pass' | 'fail' | 'flaky' | 'skipped' | 'unknown';

export type PullRequestBodyInput = {
  diagnosis: { category: string; summary: string; rootCause: string };
  evidence?: { source?: string; language?: string; lines: readonly { number: number; text: string }[] };
  tests: readonly {
    name: string;
    before: TestVerdictLabel;
    after: TestVerdictLabel;
    runs: number;
    failures: number;
    /** Interval for the failure rate after the patch, as fractions in [0, 1]. */
    failureRate?: { lower: number; upper: number; confidence?: number };
  }[];
  risk: { score: number; level?: 'low' | 'medium' | 'high'; reasons: readonly string[] };
  guardrails: readonly {
    rule: string;
    severity: 'info' | 'warning' | 'blocking';
    message: string;
    location?: string;
  }[];
  dashboardUrl: string;
  /** GitHub counts characters; the default leaves headroom under its 65,536 limit. */
  maxLength?: number;
};

export type RenderedBody = {
  body: string;
  truncated: boolean;
  omitted: { evidenceLines: number; tests: number; guardrails: number; reasons: number };
};

const GITHUB_BODY_LIMIT = 65_536;
const verdictIcon: Record<TestVerdictLabel, string> = {
  pass: '✅ pass',
  fail: '❌ fail',
  flaky: '⚠️ flaky',
  skipped: '⏭️ skipped',
  unknown: '❔ unknown',
};
const severityIcon = { info: 'ℹ️', warning: '⚠️', blocking: '⛔' } as const;

const inline = (text: string, maxLength = 500): string => escapeMarkdown({ text, maxLength });
const percent = (value: number): string => `${(Math.min(1, Math.max(0, value)) * 100).toFixed(1)}%`;
/** Only http(s) links, with the characters that would end a Markdown link destination encoded. */
const safeUrl = (url: string): string =>
  /^https?:\/\//i.test(url)
    ? encodeURI(decodeURI(url)).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))
    : '#';

type Section = { render: (budget: number) => { text: string; omitted: number } };

/** The longest prefix of rows that fits the budget together with head and a note about the rest. */
const fitRows = (options: {
  head: string;
  rows: readonly string[];
  tail: string;
  more: (omitted: number) => string;
  budget: number;
}) => {
  const { head, rows, tail, more, budget } = options;
  let used = head.length + tail.length;
  let kept = 0;
  for (const row of rows) {
    const note = kept + 1 < rows.length ? more(rows.length - kept - 1).length : 0;
    if (used + row.length + 1 + note > budget) break;
    used += row.length + 1;
    kept += 1;
  }
  if (kept === 0 && rows.length > 0) return { text: '', omitted: rows.length };
  const omitted = rows.length - kept;
  return {
    text: `${head}${rows.slice(0, kept).join('\n')}${rows.length ? '\n' : ''}${tail}${omitted ? more(omitted) : ''}`,
    omitted,
  };
};

const evidenceSection = (evidence: NonNullable<PullRequestBodyInput['evidence']>): Section => ({
  render: (budget) => {
    const width = String(Math.max(0, ...evidence.lines.map((line) => line.number))).length;
    const numbered = evidence.lines.map((line) => `${String(line.number).padStart(width)} | ${line.text}`);
    const head = `### Evidence${evidence.source ? ` from ${inline(evidence.source, 200)}` : ''}\n\n`;
    // Measure with the fence a full render would use, then render the kept lines for real.
    for (let keep = numbered.length; keep > 0; keep = Math.floor(keep * 0.8)) {
      const omitted = numbered.length - keep;
      const text = `${head}${renderCodeBlock({ lines: numbered.slice(numbered.length - keep), language: evidence.language ?? 'text' })}\n${omitted ? `\n_${omitted} earlier lines omitted._\n` : ''}`;
      if (text.length <= budget) return { text, omitted };
    }
    return { text: '', omitted: numbered.length };
  },
});

const testsSection = (tests: PullRequestBodyInput['tests']): Section => ({
  render: (budget) =>
    fitRows({
      head: '### Tests\n\n| Test | Before | After | Runs | Failures | Failure rate |\n| --- | --- | --- | ---: | ---: | --- |\n',
      rows: tests.map((test) => {
        const interval = test.failureRate
          ? `${percent(test.failureRate.lower)} – ${percent(test.failureRate.upper)} (${Math.round((test.failureRate.confidence ?? 0.95) * 100)}% CI)`
          : 'n/a';
        return `| ${inline(test.name, 300)} | ${verdictIcon[test.before]} | ${verdictIcon[test.after]} | ${test.runs} | ${test.failures} | ${interval} |`;
      }),
      tail: '',
      more: (omitted) => `\n_…and ${omitted} more tests on the dashboard._\n`,
      budget,
    }),
});

const riskSection = (risk: PullRequestBodyInput['risk']): Section => ({
  render: (budget) =>
    fitRows({
      head: `### Risk: ${Math.round(risk.score)}/100${risk.level ? ` (${risk.level})` : ''}\n\n`,
      rows: risk.reasons.map((reason) => `- ${inline(reason)}`),
      tail: '',
      more: (omitted) => `- _…and ${omitted} more reasons_\n`,
      budget,
    }),
});

const guardrailSection = (guardrails: PullRequestBodyInput['guardrails']): Section => ({
  render: (budget) =>
    fitRows({
      head: '### Guardrails\n\n',
      rows: guardrails.length
        ? guardrails.map(
            (g) =>
              `- ${severityIcon[g.severity]} **${inline(g.rule, 100)}**: ${inline(g.message)}${g.location ? ` (\`${g.location.replace(/[`\n|]/g, '')}\`)` : ''}`,
          )
        : ['- ✅ No findings.'],
      tail: '',
      more: (omitted) => `- _…and ${omitted} more findings_\n`,
      budget,
    }),
});

/**
 * Renders the pull request description. Untrusted strings are escaped, and the result always fits GitHub's
 * body limit: the diagnosis and the footer are always kept, then risk, tests, guardrails and evidence
 * get what space remains in that order, each shortened row by row, with a visible note when anything was cut.
 */
export const renderPullRequestBody = (input: PullRequestBodyInput): RenderedBody => {
  const maxLength = Math.min(input.maxLength ?? GITHUB_BODY_LIMIT - 536, GITHUB_BODY_LIMIT);
  const { diagnosis } = input;
  const header = [
    `## 🩹 Suture: ${inline(diagnosis.category, 100)}`,
    '',
    inline(diagnosis.summary, 2_000),
    '',
    '### Root cause',
    '',
    inline(diagnosis.rootCause, 4_000),
    '',
  ].join('\n');
  const footer = `\n---\n[Review this fix on the Suture dashboard](${safeUrl(input.dashboardUrl)})\n`;
  const note =
    "\n> [!NOTE]\n> This description was shortened to fit GitHub's size limit; the full report is on the dashboard.\n";

  const sections = {
    risk: riskSection(input.risk),
    tests: testsSection(input.tests),
    guardrails: guardrailSection(input.guardrails),
    evidence: input.evidence ? evidenceSection(input.evidence) : undefined,
  };
  let budget = maxLength - header.length - footer.length - note.length;
  const rendered: Partial<Record<keyof typeof sections, { text: string; omitted: number }>> = {};
  for (const key of ['risk', 'tests', 'guardrails', 'evidence'] as const) {
    const section = sections[key];
    if (!section) continue;
    const result = section.render(Math.max(0, budget));
    rendered[key] = result;
    budget -= result.text.length + 1;
  }
  const omitted = {
    evidenceLines: rendered.evidence?.omitted ?? 0,
    tests: rendered.tests?.omitted ?? 0,
    guardrails: rendered.guardrails?.omitted ?? 0,
    reasons: rendered.risk?.omitted ?? 0,
  };
  const truncated = Object.values(omitted).some((count) => count > 0);
  const body = [
    header,
    rendered.evidence?.text,
    rendered.tests?.text,
    rendered.risk?.text,
    rendered.guardrails?.text,
  ]
    .filter((part): part is string => Boolean(part))
    .join('\n');
  return { body: `${body}${truncated ? note : ''}${footer}`, truncated, omitted };
};
