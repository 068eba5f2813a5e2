import { describe, expect, it } from 'vitest';
import { CANCEL_REQUEST_ACTION, evaluateCancel, type CancelRequestEvent } from './evaluate-cancel.ts';

const run = { id: 'run-1', organizationId: 'org-1', status: 'running' };
const event = (over: Partial<CancelRequestEvent> = {}): CancelRequestEvent => ({
  seq: '42',
  action: CANCEL_REQUEST_ACTION,
  subjectType: 'HealingRun',
  subjectId: 'run-1',
  organizationId: 'org-1',
  actorType: 'user',
  actorId: 'user-ada',
  actorRole: 'approver',
  reason: 'superseded',
  ...over,
});
const rejectionOf = (e: CancelRequestEvent | null, requestId: string | null = '42', status = 'running') => {
  const verdict = evaluateCancel({ requestId, run: { ...run, status }, event: e });
  return verdict.accepted ? `accepted by ${verdict.by}` : verdict.rejection;
};

describe('evaluateCancel', () => {
  it('accepts a cancel request recorded for this run by an approver or by Suture itself', () => {
    expect(rejectionOf(event())).toBe('accepted by user-ada');
    expect(rejectionOf(event({ actorRole: 'owner' }))).toBe('accepted by user-ada');
    expect(rejectionOf(event({ actorType: 'system', actorId: null, actorRole: null }))).toBe(
      'accepted by system',
    );
  });

  it('refuses forged or misdirected references', () => {
    expect(rejectionOf(event(), null)).toBe('missing_id');
    expect(rejectionOf(null)).toBe('unknown_request');
    expect(rejectionOf(event({ action: 'approval.approve' }))).toBe('not_a_cancel_request');
    expect(rejectionOf(event({ subjectId: 'run-2' }))).toBe('other_run');
    expect(rejectionOf(event({ organizationId: 'org-2' }))).toBe('other_run');
  });

  it('refuses viewers, non-members, the worker and GitHub as cancellers, and finished runs', () => {
    expect(rejectionOf(event({ actorRole: 'viewer' }))).toBe('ineligible_actor');
    expect(rejectionOf(event({ actorRole: null }))).toBe('ineligible_actor');
    expect(rejectionOf(event({ actorType: 'worker', actorRole: null }))).toBe('ineligible_actor');
    expect(rejectionOf(event({ actorType: 'github', actorRole: null }))).toBe('ineligible_actor');
    expect(rejectionOf(event(), '42', 'cancelled')).toBe('finished');
  });
});
