import { decidePolicy, defaultPolicy, PolicyDocument } from '@suture/core';
import { appendAuditEvent } from '@suture/db';
import type { HealingDeps } from './deps.ts';
import type { PolicyResult, RunRef } from './types.ts';

type StoredFinding = { severity?: string };

export const decideRunPolicy = async (deps: HealingDeps, input: RunRef): Promise<PolicyResult> => {
  const run = await deps.db.healingRun.findUniqueOrThrow({
    where: { id: input.healingRunId },
    include: {
      repository: true,
      failureEvent: true,
      diagnoses: { orderBy: { createdAt: 'desc' }, take: 1 },
      patchAttempts: { where: { selected: true }, take: 1 },
    },
  });
  const active = await deps.db.policyVersion.findFirst({
    where: { organizationId: run.repository.organizationId, active: true },
    orderBy: { version: 'desc' },
  });
  const parsed = active ? PolicyDocument.safeParse(active.document) : undefined;
  // A stored policy that no longer parses must not silently loosen anything: fall back to the strict default.
  const policy = parsed?.success ? parsed.data : defaultPolicy();
  const attempt = run.patchAttempts[0];
  const findings = (
    Array.isArray(attempt?.guardrailFindings) ? attempt.guardrailFindings : []
  ) as StoredFinding[];
  const changedPaths = attempt ? [...attempt.diff.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]!) : [];
  const result = decidePolicy({
    policy,
    riskScore: attempt?.riskScore ?? 100,
    blockingFindings: findings.filter((f) => f.severity === 'block').length,
    changedPaths,
    branch: run.failureEvent.branch,
    category: run.diagnoses[0]?.category ?? 'unknown',
  });
  await deps.db.healingRun.update({
    where: { id: run.id },
    data: {
      policyDecision: result.decision,
      requiredApprovals: result.requiredApprovals,
      policyVersionId: active?.id ?? null,
    },
  });
  await appendAuditEvent({
    db: deps.db,
    event: {
      organizationId: run.repository.organizationId,
      actorType: 'worker',
      actorId: null,
      action: 'run.policy',
      subjectType: 'HealingRun',
      subjectId: run.id,
      data: { decision: result.decision, reasons: result.reasons, policyVersion: active?.version ?? null },
    },
  });
  return {
    decision: result.decision,
    reason: result.reasons.join('; '),
    approvalTimeoutMs: result.approvalTimeoutMs,
  };
};
