import { Readable } from 'node:stream';
import { diagnoseLogStream } from '@suture/core/diagnosis/diagnose-log-stream';
import { appendAuditEvent, auditedTransaction, readArtifact, type Prisma } from '@suture/db';
import { ApplicationFailure } from '@temporalio/activity';
import type { HealingDeps } from './deps.ts';
import { loadRun } from './checkout.ts';
import type { DiagnoseResult, RunRef } from './types.ts';

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/** Offline diagnosis, or Claude when configured (falling back to offline, with the reason recorded). */
export const diagnoseFailure = async (deps: HealingDeps, input: RunRef): Promise<DiagnoseResult> => {
  const run = await loadRun(deps, input.healingRunId);
  if (!run.failureEvent.logArtifactId)
    throw ApplicationFailure.nonRetryable('no CI log recorded for this run', 'BusinessRejection');
  const log = await readArtifact({ db: deps.db, sha256: run.failureEvent.logArtifactId });
  const result = await diagnoseLogStream({
    input: Readable.from([log]),
    claude: deps.llm
      ? {
          apiKey: deps.llm.anthropicApiKey,
          ...(deps.llm.anthropicBaseUrl ? { baseURL: deps.llm.anthropicBaseUrl } : {}),
          model: deps.llm.model,
          timeoutMs: 90_000,
          maxRetries: 4,
        }
      : null,
  });
  await deps.db.$transaction(async (tx) => {
    await tx.diagnosis.deleteMany({ where: { healingRunId: run.id } });
    await tx.diagnosis.create({
      data: {
        healingRunId: run.id,
        category: result.category,
        confidence: result.confidence,
        summary: result.summary,
        rootCause: result.rootCause,
        evidence: json(result.evidence),
        files: json(result.files),
        failingTests: json(result.failingTests),
        errorCodes: result.errorCodes,
        failingStep: result.failingStep ? JSON.stringify(result.failingStep).slice(0, 2000) : null,
        flakySuspect: result.flakySuspect.suspected,
        flakyReason: result.flakySuspect.reason,
        engine: result.engine,
        model: result.model,
        inputTokens: result.tokens?.input ?? null,
        outputTokens: result.tokens?.output ?? null,
        durationMs: Math.round(result.durationMs),
        fallbackReason: result.fallbackReason ?? null,
        result: json(result),
      },
    });
    await appendAuditEvent({
      db: tx,
      inTransaction: true,
      event: {
        organizationId: run.repository.organizationId,
        actorType: 'worker',
        actorId: null,
        action: 'run.diagnosed',
        subjectType: 'HealingRun',
        subjectId: run.id,
        data: { category: result.category, confidence: result.confidence, engine: result.engine },
      },
    });
  }, auditedTransaction);
  return {
    category: result.category,
    confidence: result.confidence,
    summary: result.summary,
    flakySuspect: result.flakySuspect.suspected,
  };
};
