// Title, commit message and PR body for a verified patch, from what the run recorded.
import { renderPullRequestBody, type TestVerdictLabel } from '@suture/core/github/render-pull-request-body';
import type { GuardrailFinding } from '@suture/core/guardrails/guardrail-finding';
import type { RiskReason } from '@suture/core/risk/score-risk';
import { redactText } from '@suture/core/redaction/redact-text';
import { readArtifact } from '@suture/db';
import type { HealingDeps } from './deps.ts';

const label = (verdict: string | undefined): TestVerdictLabel =>
  verdict === 'pass' || verdict === 'fixed'
    ? 'pass'
    : verdict === 'fail' || verdict === 'timeout' || verdict === 'still_failing'
      ? 'fail'
      : verdict === 'flaky'
        ? 'flaky'
        : 'unknown';

export const renderPullRequest = async ({
  deps,
  healingRunId,
}: {
  deps: HealingDeps;
  healingRunId: string;
}) => {
  const run = await deps.db.healingRun.findUniqueOrThrow({
    where: { id: healingRunId },
    include: {
      failureEvent: true,
      diagnoses: { orderBy: { createdAt: 'desc' }, take: 1 },
      patchAttempts: { where: { selected: true }, take: 1 },
      testVerdicts: true,
    },
  });
  const diagnosis = run.diagnoses[0];
  const attempt = run.patchAttempts[0];
  let evidence: { source: string; lines: { number: number; text: string }[] } | undefined;
  const range = (diagnosis?.evidence as { start: number; end: number }[] | undefined)?.[0];
  if (range && run.failureEvent.logArtifactId) {
    // The stored log is already redacted; the excerpt is capped so the PR stays readable.
    const lines = (await readArtifact({ db: deps.db, sha256: run.failureEvent.logArtifactId }))
      .toString('utf8')
      .split('\n');
    const end = Math.min(range.end, range.start + 29);
    evidence = {
      source: 'CI log',
      lines: lines.slice(range.start - 1, end).map((text, i) => ({ number: range.start + i, text })),
    };
  }
  const original = new Map(run.testVerdicts.filter((v) => v.scope === 'original').map((v) => [v.name, v]));
  const tests = run.testVerdicts
    .filter((v) => v.scope === 'comparison')
    .map((v) => ({
      name: v.name,
      before: label(original.get(v.name)?.verdict),
      after: label(v.verdict),
      runs: v.runs,
      failures: v.failures,
      failureRate: { lower: v.intervalLow, upper: v.intervalHigh, confidence: 0.95 },
    }));
  const findings = ((attempt?.guardrailFindings as GuardrailFinding[] | null) ?? []).map((f) => ({
    rule: f.rule,
    severity: f.severity === 'block' ? ('blocking' as const) : ('warning' as const),
    message: f.explanation,
    location: f.line ? `${f.file}:${f.line}` : f.file,
  }));
  const reasons = ((attempt?.riskReasons as RiskReason[] | null) ?? []).map(
    (r) => `${r.points >= 0 ? '+' : ''}${r.points} ${r.factor}: ${r.explanation}`,
  );
  const summary = diagnosis?.summary ?? 'CI failure';
  const title = `fix: ${summary.replace(/\s+/g, ' ').slice(0, 100)}`;
  const { body } = renderPullRequestBody({
    diagnosis: { category: diagnosis?.category ?? 'unknown', summary, rootCause: diagnosis?.rootCause ?? '' },
    ...(evidence ? { evidence } : {}),
    tests,
    risk: { score: attempt?.riskScore ?? 100, reasons },
    guardrails: findings,
    dashboardUrl: `${deps.dashboardUrl.replace(/\/$/, '')}/runs/${run.id}`,
  });
  const commitBody = [
    `Suture healed ${run.failureEvent.workflowName ?? 'a CI failure'} at ${run.failureEvent.headSha.slice(0, 12)}.`,
    `Diagnosis (${diagnosis?.category ?? 'unknown'}): ${diagnosis?.rootCause ?? summary}`,
    `Risk: ${attempt?.riskScore ?? 'n/a'}/100. Run: ${run.id}`,
  ].join('\n');
  // The evidence comes from the redacted log; diagnosis text and guardrail messages pass the same redactor here.
  const clean = (text: string): string => redactText({ text }).text;
  return { title: clean(title), body: clean(body), commitBody: clean(commitBody) };
};
