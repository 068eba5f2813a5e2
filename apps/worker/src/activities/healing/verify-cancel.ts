// A cancel signal counts only when it names a `run.cancel_requested` audit event for this run, written
// by a signed-in approver (or above) or by Suture itself. Refusals are audited; the run goes on.
import { appendAuditEvent, auditedTransaction, lockAuditChain, type Prisma } from '@suture/db';
import { evaluateCancel, type CancelVerdict } from '@suture/core/approvals/evaluate-cancel';
import type { HealingDeps } from './deps.ts';
import type { RunRef } from './types.ts';

export type VerifyCancelInput = RunRef & { cancelRequestId: string | null };

const SEQ = /^[0-9]{1,18}$/;

const reasonOf = (data: unknown) =>
  typeof data === 'object' && data !== null && 'reason' in data && typeof data.reason === 'string'
    ? data.reason
    : '';

export const verifyCancel = (deps: HealingDeps, input: VerifyCancelInput): Promise<CancelVerdict> =>
  deps.db.$transaction(async (db) => {
    // Waits for the web app's cancel transaction (which signalled before committing) to commit.
    await lockAuditChain(db);
    return check(db, input);
  }, auditedTransaction);

const check = async (db: Prisma.TransactionClient, input: VerifyCancelInput): Promise<CancelVerdict> => {
  const run = await db.healingRun.findUniqueOrThrow({
    where: { id: input.healingRunId },
    include: { repository: { select: { organizationId: true } } },
  });
  const organizationId = run.repository.organizationId;
  const requestId = input.cancelRequestId && SEQ.test(input.cancelRequestId) ? input.cancelRequestId : null;
  const event = requestId ? await db.auditEvent.findUnique({ where: { seq: BigInt(requestId) } }) : null;
  const membership =
    event?.actorType === 'user' && event.actorId
      ? await db.membership.findUnique({
          where: { organizationId_userId: { organizationId, userId: event.actorId } },
          select: { role: true },
        })
      : null;
  const verdict = evaluateCancel({
    requestId: input.cancelRequestId,
    run: { id: run.id, organizationId, status: run.status },
    event: event
      ? {
          seq: event.seq.toString(),
          action: event.action,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
          organizationId: event.organizationId,
          actorType: event.actorType,
          actorId: event.actorId,
          actorRole: membership?.role ?? null,
          reason: reasonOf(event.data),
        }
      : null,
  });
  if (!verdict.accepted)
    await appendAuditEvent({
      db,
      inTransaction: true,
      event: {
        organizationId,
        actorType: 'worker',
        actorId: null,
        action: 'run.cancel_signal_rejected',
        subjectType: 'HealingRun',
        subjectId: run.id,
        data: {
          cancelRequestId: input.cancelRequestId?.slice(0, 200) ?? null,
          reason: verdict.rejection,
          detail: verdict.detail,
        },
      },
    });
  return verdict;
};
