// The workflow's only way to learn that a human decided: the signal names an Approval row, and this reads
// it (and every other decision on the run) from the database and applies core's rule. Refusals are
// audited and the workflow keeps waiting.
import { appendAuditEvent, auditedTransaction, lockAuditChain, type Prisma } from '@suture/db';
import type { RecordedDecision } from '@suture/core/approvals/decision-types';
import { evaluateDecision, type DecisionVerdict } from '@suture/core/approvals/evaluate-decision';
import type { HealingDeps } from './deps.ts';
import type { RunRef } from './types.ts';

export type VerifyDecisionInput = RunRef & {
  kind: 'approve' | 'reject';
  approvalId: string | null;
  approvalWindowMs: number | null;
};

const APPROVAL_ID = /^[a-z0-9]{1,64}$/;

export const verifyDecision = (deps: HealingDeps, input: VerifyDecisionInput): Promise<DecisionVerdict> =>
  deps.db.$transaction(async (db) => {
    // Waits for the web app's decision transaction (which signalled before committing) to commit.
    await lockAuditChain(db);
    return check(db, input);
  }, auditedTransaction);

const check = async (db: Prisma.TransactionClient, input: VerifyDecisionInput): Promise<DecisionVerdict> => {
  const run = await db.healingRun.findUniqueOrThrow({
    where: { id: input.healingRunId },
    include: {
      repository: { select: { organizationId: true } },
      failureEvent: { select: { commitAuthorEmail: true } },
    },
  });
  const organizationId = run.repository.organizationId;
  const withUser = {
    user: { select: { email: true, memberships: { where: { organizationId }, select: { role: true } } } },
  } as const;
  const toRecorded = (row: {
    id: string;
    healingRunId: string;
    userId: string;
    decision: 'approve' | 'reject';
    reason: string;
    createdAt: Date;
    user: { email: string | null; memberships: { role: RecordedDecision['role'] }[] };
  }): RecordedDecision => ({
    id: row.id,
    healingRunId: row.healingRunId,
    userId: row.userId,
    userEmail: row.user.email?.toLowerCase() ?? null,
    role: row.user.memberships[0]?.role ?? null,
    decision: row.decision,
    reason: row.reason,
    createdAt: row.createdAt,
  });
  const approvalId = input.approvalId && APPROVAL_ID.test(input.approvalId) ? input.approvalId : null;
  const referenced = approvalId
    ? await db.approval.findUnique({ where: { id: approvalId }, include: withUser })
    : null;
  const recorded = await db.approval.findMany({ where: { healingRunId: run.id }, include: withUser });
  const verdict = evaluateDecision({
    kind: input.kind,
    approvalId: input.approvalId,
    run: {
      id: run.id,
      status: run.status,
      requiredApprovals: run.requiredApprovals,
      readyForApprovalAt: run.readyForApprovalAt,
      commitAuthorEmail: run.failureEvent.commitAuthorEmail?.toLowerCase() ?? null,
    },
    referenced: referenced ? toRecorded(referenced) : null,
    recorded: recorded.map(toRecorded),
    approvalWindowMs: input.approvalWindowMs,
  });
  await appendAuditEvent({
    db,
    inTransaction: true,
    event: {
      organizationId,
      // Whoever sent the signal is unknown (Temporal does not authenticate it): the worker reports it.
      actorType: 'worker',
      actorId: null,
      action: verdict.accepted ? 'approval.signal_accepted' : 'approval.signal_rejected',
      subjectType: 'HealingRun',
      subjectId: run.id,
      data: verdict.accepted
        ? {
            signal: input.kind,
            approvalId: input.approvalId,
            decidedBy: verdict.decidedBy,
            approvedBy: verdict.approvedBy,
          }
        : {
            signal: input.kind,
            approvalId: input.approvalId?.slice(0, 200) ?? null,
            reason: verdict.rejection,
            detail: verdict.detail,
          },
    },
  });
  return verdict;
};
