// An approver's decision on a run waiting for approval: recorded (Approval + audit) and signalled to the
// workflow in one transaction, so a decision the workflow never received is never on record. The
// signal carries the Approval id; the worker re-checks the row in the database before acting on it.
import 'server-only';
import { z } from 'zod';
import { AppError, selfHealingSignals, type ApprovalSignal } from '@suture/core';
import { appendAuditEvent, auditedTransaction, Prisma } from '@suture/db';
import { db } from '../db.ts';
import { temporalClient } from '../temporal.ts';
import { parseQuery } from '../dashboard/parse-query.ts';
import { findMemberRun } from './find-member-run.ts';

export const RunDecision = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(3, 'a reason is required').max(2000),
});
export type RunDecision = z.infer<typeof RunDecision>;

/**
 * Checks in order: signed in (401), run in one of the user's organisations (404, also for runs of other
 * organisations), role there (403), body (400), state (409).
 */
export const decideRun = async ({
  request,
  runId,
  body,
}: {
  request: Request;
  runId: string;
  body: unknown;
}) => {
  const { user, run } = await findMemberRun({ request, runId, minimum: 'approver' });
  const input = parseQuery(RunDecision, body, 'body');
  // Four eyes: the author of the failing commit may reject a fix but never approve one.
  const author = run.failureEvent.commitAuthorEmail;
  if (input.decision === 'approve' && author && user.email?.toLowerCase() === author)
    throw new AppError(
      'FORBIDDEN',
      `you authored commit ${run.failureEvent.headSha.slice(0, 12)}; another approver must approve its fix`,
    );
  if (run.status !== 'waiting_approval')
    throw new AppError('CONFLICT', `run ${runId} is ${run.status}, not waiting for approval`);
  const client = await temporalClient();
  let approvals = 0;
  try {
    await db().$transaction(async (tx) => {
      const approval = await tx.approval.create({
        data: { healingRunId: run.id, userId: user.id, decision: input.decision, reason: input.reason },
      });
      await appendAuditEvent({
        db: tx,
        inTransaction: true,
        event: {
          organizationId: run.repository.organizationId,
          actorType: 'user',
          actorId: user.id,
          action: `approval.${input.decision}`,
          subjectType: 'HealingRun',
          subjectId: run.id,
          data: { approvalId: approval.id, reason: input.reason },
        },
      });
      // A rejection ends the run at once; approvals are signalled when the policy's count is reached.
      approvals =
        input.decision === 'approve'
          ? await tx.approval.count({ where: { healingRunId: run.id, decision: 'approve' } })
          : 0;
      // The signal names the row only: the worker reads and checks it before the run moves.
      const signal: ApprovalSignal = { approvalId: approval.id };
      if (input.decision === 'reject' || approvals >= run.requiredApprovals)
        await client.workflow.getHandle(run.workflowId).signal(selfHealingSignals[input.decision], signal);
    }, auditedTransaction);
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new AppError('CONFLICT', 'you already decided on this run');
    throw error;
  }
  return {
    runId: run.id,
    decision: input.decision,
    decidedBy: user.id,
    approvals,
    requiredApprovals: run.requiredApprovals,
    // False while more approvals are needed: the workflow keeps waiting.
    signalled: input.decision === 'reject' || approvals >= run.requiredApprovals,
  };
};
