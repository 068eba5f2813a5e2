// Whether a cancel signal may stop a run: the signal only names an audit event, and the event must be a
// cancel request for this run written by a signed-in approver (or above) of its organisation, or by
// Suture itself (actor `system`). Pure; the worker reads the event and the actor's role.
import { isRoleAtLeast, type MemberRole } from './decision-types.ts';

/** The action the web app (or Suture itself) records before it signals `cancel`. */
export const CANCEL_REQUEST_ACTION = 'run.cancel_requested';

export type CancelRequestEvent = {
  seq: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  organizationId: string | null;
  actorType: 'user' | 'system' | 'github' | 'worker';
  actorId: string | null;
  /** The acting user's role in the run's organisation now; null when not a member (or not a user). */
  actorRole: MemberRole | null;
  reason: string;
};

export type CancelRejection =
  'missing_id' | 'unknown_request' | 'not_a_cancel_request' | 'other_run' | 'ineligible_actor' | 'finished';

export type CancelVerdict =
  | { accepted: true; by: string; reason: string }
  | { accepted: false; rejection: CancelRejection; detail: string };

export type EvaluateCancelOptions = {
  requestId: string | null;
  run: { id: string; organizationId: string; status: string };
  /** The audit event `requestId` names, looked up without regard to run; null when there is none. */
  event: CancelRequestEvent | null;
};

const finishedStatuses = new Set(['succeeded', 'failed', 'rejected', 'expired', 'cancelled']);

export const evaluateCancel = ({ requestId, run, event }: EvaluateCancelOptions): CancelVerdict => {
  const refuse = (rejection: CancelRejection, detail: string): CancelVerdict => ({
    accepted: false,
    rejection,
    detail,
  });
  if (!requestId) return refuse('missing_id', 'the signal names no cancel request');
  if (!event) return refuse('unknown_request', `no audit event ${requestId}`);
  if (event.action !== CANCEL_REQUEST_ACTION)
    return refuse('not_a_cancel_request', `audit event ${requestId} is ${event.action}`);
  if (
    event.subjectType !== 'HealingRun' ||
    event.subjectId !== run.id ||
    event.organizationId !== run.organizationId
  )
    return refuse('other_run', `audit event ${requestId} is about another run`);
  if (finishedStatuses.has(run.status)) return refuse('finished', `run ${run.id} is already ${run.status}`);
  if (event.actorType === 'system') return { accepted: true, by: 'system', reason: event.reason };
  if (event.actorType === 'user' && event.actorId && isRoleAtLeast(event.actorRole, 'approver'))
    return { accepted: true, by: event.actorId, reason: event.reason };
  return refuse(
    'ineligible_actor',
    `${event.actorType} ${event.actorId ?? '(none)'} may not cancel this run`,
  );
};
