import { ApplicationFailure } from '@temporalio/activity';
import type { HealingDeps } from './deps.ts';
import type { AssessResult, RunRef } from './types.ts';

type Finding = { severity?: string };

/** Guardrails and risk were computed with the patch; this stage states them for the timeline and policy. */
export const assessPatch = async (deps: HealingDeps, input: RunRef): Promise<AssessResult> => {
  const attempt = await deps.db.patchAttempt.findFirst({
    where: { healingRunId: input.healingRunId, selected: true },
  });
  if (!attempt || attempt.riskScore === null)
    throw ApplicationFailure.nonRetryable('no assessed patch for this run', 'BusinessRejection');
  const findings = (Array.isArray(attempt.guardrailFindings) ? attempt.guardrailFindings : []) as Finding[];
  return {
    riskScore: attempt.riskScore,
    blockingFindings: findings.filter((f) => f.severity === 'block').length,
    findings: findings.length,
  };
};
