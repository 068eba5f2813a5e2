// A signed-in approver (or above) stops a run that has not finished: the request is recorded as a
// `run.cancel_requested` audit event and signalled in one transaction. The signal carries the event's
// seq only; the worker re-reads the event (and the user's role) before it stops anything.
import 'server-only';
import { z } from 'zod';
import { AppError, CANCEL_REQUEST_ACTION, selfHealingSignals, type CancelSignal } from '@suture/core';
import { appendAuditEvent, auditedTransaction } from '@suture/db';
import { db } from '../db.ts';
import { temporalClient } from '../temporal.ts';
import { parseQuery } from '../dashboard/parse-query.ts';
import { findMemberRun } from './find-member-run.ts';

export const CancelRunInput = z.object({
  reason: z.string().trim().min(3, 'a reason is required').max(2000),
});

const cancellable = new Set(['queued', 'running', 'waiting_approval']);

/** Checks in order: signed in (401), run in the user's organisations (404), role (403), body (400), state (409). */
export const cancelRun = async ({
  request,
  runId,
  body,
}: {
  request: Request;
  runId: string;
  body: unknown;
}) => {
  const { user, run } = await findMemberRun({ request, runId, minimum: 'approver' });
  const input = parseQuery(CancelRunInput, body, 'body');
  if (!cancellable.has(run.status))
    throw new AppError('CONFLICT', `run ${runId} is ${run.status}; nothing to cancel`);
  const client = await temporalClient();
  const event = await db().$transaction(async (tx) => {
    const recorded = await appendAuditEvent({
      db: tx,
      inTransaction: true,
      event: {
        organizationId: run.repository.organizationId,
        actorType: 'user',
        actorId: user.id,
        action: CANCEL_REQUEST_ACTION,
        subjectType: 'HealingRun',
        subjectId: run.id,
        data: { reason: input.reason },
      },
    });
    const signal: CancelSignal = { cancelRequestId: recorded.seq.toString() };
    await client.workflow.getHandle(run.workflowId).signal(selfHealingSignals.cancel, signal);
    return recorded;
  }, auditedTransaction);
  return { runId: run.id, cancelRequestId: event.seq.toString(), requestedBy: user.id };
};
