// Everything the Run detail page shows, read in one place: timeline, log with evidence, diagnosis,
// patch attempts, the test matrix, guardrails and risk, approvals and the run's audit trail.
import 'server-only';
import { AppError } from '@suture/core';
import { readArtifact } from '@suture/db';
import { db } from '../db.ts';

/** Logs past this are cut around the evidence: a browser should not render a 100 MB CI log. */
const MAX_LOG_LINES = 5_000;

type Range = { start: number; end: number };

const asRanges = (value: unknown): Range[] =>
  Array.isArray(value)
    ? value.flatMap((r: unknown) => {
        const range = r as Partial<Range>;
        return typeof range.start === 'number' && typeof range.end === 'number'
          ? [{ start: range.start, end: range.end }]
          : [];
      })
    : [];

/** The log's lines, or a window of them that keeps the first evidence range in view. */
const logWindow = (text: string, evidence: Range[]) => {
  const lines = text.split('\n');
  if (lines.length <= MAX_LOG_LINES) return { firstLine: 1, lines, totalLines: lines.length };
  const focus = evidence[0]?.start ?? lines.length;
  const from = Math.max(0, Math.min(focus - MAX_LOG_LINES / 2, lines.length - MAX_LOG_LINES));
  return { firstLine: from + 1, lines: lines.slice(from, from + MAX_LOG_LINES), totalLines: lines.length };
};

export const getRunDetail = async ({ runId, organizationId }: { runId: string; organizationId: string }) => {
  const run = await db().healingRun.findUnique({
    where: { id: runId },
    include: {
      repository: true,
      failureEvent: true,
      policyVersion: { select: { version: true } },
      stages: { orderBy: { startedAt: 'asc' } },
      diagnoses: { orderBy: { createdAt: 'desc' }, include: { feedbackBy: { select: { email: true } } } },
      patchAttempts: { orderBy: { attempt: 'asc' } },
      testExecutions: {
        orderBy: [{ phase: 'asc' }, { runIndex: 'asc' }],
        include: { cases: { orderBy: { name: 'asc' } } },
      },
      testVerdicts: { orderBy: [{ scope: 'asc' }, { name: 'asc' }] },
      proofResults: { orderBy: { createdAt: 'asc' } },
      approvals: {
        orderBy: { createdAt: 'asc' },
        include: { user: { select: { email: true, name: true } } },
      },
    },
  });
  // Another organisation's run is "not found", not "forbidden": ids must not leak across tenants.
  if (!run || run.repository.organizationId !== organizationId)
    throw new AppError('NOT_FOUND', `no run ${runId}`);
  const audit = await db().auditEvent.findMany({
    where: { subjectType: 'HealingRun', subjectId: run.id },
    orderBy: { seq: 'asc' },
    take: 500,
  });
  const diagnosis = run.diagnoses[0] ?? null;
  const evidence = asRanges(diagnosis?.evidence);
  // Context (the lines around each evidence range) is read from the stored result: diagnoses made before the
  // field existed have none, and the viewer then shows the evidence alone.
  const context = asRanges((diagnosis?.result as { context?: unknown } | null | undefined)?.context);
  const logArtifactId = run.failureEvent.logArtifactId;
  const log = logArtifactId
    ? logWindow(
        (await readArtifact({ db: db(), sha256: logArtifactId })).toString('utf8'),
        context[0] ? [context[0]] : evidence,
      )
    : null;
  return {
    id: run.id,
    workflowId: run.workflowId,
    status: run.status,
    stage: run.stage,
    outcome: run.outcome,
    policyDecision: run.policyDecision,
    policyVersion: run.policyVersion?.version ?? null,
    requiredApprovals: run.requiredApprovals,
    errorMessage: run.errorMessage,
    branchName: run.branchName,
    prUrl: run.prUrl,
    prNumber: run.prNumber,
    failureCompletedAt: run.failureCompletedAt.toISOString(),
    readyForApprovalAt: run.readyForApprovalAt?.toISOString() ?? null,
    deliveredAt: run.deliveredAt?.toISOString() ?? null,
    mttrReadyMs: run.mttrReadyMs === null ? null : Number(run.mttrReadyMs),
    mttrDeliveredMs: run.mttrDeliveredMs === null ? null : Number(run.mttrDeliveredMs),
    createdAt: run.createdAt.toISOString(),
    repository: {
      id: run.repository.id,
      fullName: run.repository.fullName,
      provider: run.repository.provider,
      enabled: run.repository.enabled,
    },
    failure: {
      headSha: run.failureEvent.headSha,
      branch: run.failureEvent.branch,
      workflowName: run.failureEvent.workflowName,
      jobName: run.failureEvent.jobName,
      command: run.failureEvent.command,
      commitAuthorEmail: run.failureEvent.commitAuthorEmail,
      failedAt: run.failureEvent.failedAt.toISOString(),
    },
    stages: run.stages.map((s) => ({
      stage: s.stage,
      status: s.status,
      startedAt: s.startedAt.toISOString(),
      finishedAt: s.finishedAt?.toISOString() ?? null,
      durationMs: s.durationMs,
      detail: s.detail,
    })),
    diagnosis: diagnosis && {
      id: diagnosis.id,
      category: diagnosis.category,
      confidence: diagnosis.confidence,
      summary: diagnosis.summary,
      rootCause: diagnosis.rootCause,
      evidence,
      context,
      files: diagnosis.files,
      failingTests: diagnosis.failingTests,
      errorCodes: diagnosis.errorCodes,
      failingStep: diagnosis.failingStep,
      flakySuspect: diagnosis.flakySuspect,
      flakyReason: diagnosis.flakyReason,
      engine: diagnosis.engine,
      model: diagnosis.model,
      durationMs: diagnosis.durationMs,
      fallbackReason: diagnosis.fallbackReason,
      feedback: diagnosis.feedback,
      feedbackBy: diagnosis.feedbackBy?.email ?? null,
      feedbackAt: diagnosis.feedbackAt?.toISOString() ?? null,
    },
    log,
    patchAttempts: run.patchAttempts.map((p) => ({
      id: p.id,
      attempt: p.attempt,
      strategy: p.strategy,
      diff: p.diff,
      filesChanged: p.filesChanged,
      linesAdded: p.linesAdded,
      linesRemoved: p.linesRemoved,
      validationStatus: p.validationStatus,
      validationOutput: p.validationOutput,
      riskScore: p.riskScore,
      riskReasons: p.riskReasons,
      guardrailFindings: p.guardrailFindings,
      selected: p.selected,
      durationMs: p.durationMs,
    })),
    testExecutions: run.testExecutions.map((e) => ({
      id: e.id,
      phase: e.phase,
      runIndex: e.runIndex,
      backend: e.backend,
      command: e.command,
      exitCode: e.exitCode,
      timedOut: e.timedOut,
      wallMs: e.wallMs,
      passed: e.passed,
      failed: e.failed,
      skipped: e.skipped,
      cases: e.cases.map((c) => ({ name: c.name, outcome: c.outcome, durationMs: c.durationMs })),
    })),
    testVerdicts: run.testVerdicts.map((v) => ({
      scope: v.scope,
      name: v.name,
      verdict: v.verdict,
      runs: v.runs,
      failures: v.failures,
      failureRate: v.failureRate,
      intervalLow: v.intervalLow,
      intervalHigh: v.intervalHigh,
      reason: v.reason,
    })),
    proofs: run.proofResults.map((p) => ({
      invariant: p.invariant,
      prover: p.prover,
      status: p.status,
      durationMs: p.durationMs,
    })),
    approvals: run.approvals.map((a) => ({
      decision: a.decision,
      reason: a.reason,
      by: a.user.email ?? a.user.name ?? a.userId,
      at: a.createdAt.toISOString(),
    })),
    audit: audit.map((e) => ({
      seq: Number(e.seq),
      at: e.createdAt.toISOString(),
      actorType: e.actorType,
      actorId: e.actorId,
      action: e.action,
      data: e.data,
      hash: e.hash,
    })),
  };
};

export type RunDetail = Awaited<ReturnType<typeof getRunDetail>>;
