import { describe, expect, it } from 'vitest';
import type { RecordedDecision, RunForDecision } from './decision-types.ts';
import { evaluateDecision, type EvaluateDecisionOptions } from './evaluate-decision.ts';

const readyAt = new Date('2026-12-01T10:00:00Z');
const run: RunForDecision = {
  id: 'run-1',
  status: 'waiting_approval',
  requiredApprovals: 1,
  readyForApprovalAt: readyAt,
  commitAuthorEmail: 'author@example.com',
};
const row = (over: Partial<RecordedDecision> = {}): RecordedDecision => ({
  id: 'appr-1',
  healingRunId: 'run-1',
  userId: 'user-ada',
  userEmail: 'ada@example.com',
  role: 'approver',
  decision: 'approve',
  reason: 'verified',
  createdAt: new Date(readyAt.getTime() + 60_000),
  ...over,
});
const evaluate = (over: Partial<EvaluateDecisionOptions> = {}) => {
  const referenced = over.referenced === undefined ? row() : over.referenced;
  return evaluateDecision({
    kind: 'approve',
    approvalId: 'appr-1',
    run,
    referenced,
    recorded: referenced ? [referenced] : [],
    approvalWindowMs: 3_600_000,
    ...over,
  });
};
const rejectionOf = (over: Partial<EvaluateDecisionOptions>) => {
  const verdict = evaluate(over);
  return verdict.accepted ? 'accepted' : verdict.rejection;
};

describe('evaluateDecision', () => {
  it('accepts an eligible approver’s approval and names who approved', () => {
    expect(evaluate()).toEqual({
      accepted: true,
      kind: 'approve',
      decidedBy: 'user-ada',
      reason: 'verified',
      approvedBy: ['user-ada'],
    });
  });

  it('refuses a signal without an id, with an unknown id, or with another run’s row', () => {
    expect(rejectionOf({ approvalId: null })).toBe('missing_id');
    expect(rejectionOf({ referenced: null })).toBe('unknown_approval');
    expect(rejectionOf({ referenced: row({ healingRunId: 'run-2' }) })).toBe('other_run');
  });

  it('refuses a signal whose kind differs from the recorded decision', () => {
    expect(rejectionOf({ kind: 'reject' })).toBe('decision_mismatch');
    expect(rejectionOf({ kind: 'approve', referenced: row({ decision: 'reject' }) })).toBe(
      'decision_mismatch',
    );
  });

  it('refuses viewers and users who are not (or no longer) members', () => {
    expect(rejectionOf({ referenced: row({ role: 'viewer' }) })).toBe('role_too_low');
    expect(rejectionOf({ referenced: row({ role: null }) })).toBe('not_member');
    expect(rejectionOf({ referenced: row({ role: 'admin' }) })).toBe('accepted');
    expect(rejectionOf({ referenced: row({ role: 'owner' }) })).toBe('accepted');
  });

  it('holds four eyes: the commit author can reject but never approve', () => {
    const own = row({ userEmail: 'author@example.com' });
    expect(rejectionOf({ referenced: own })).toBe('commit_author');
    const ownReject = row({ userEmail: 'author@example.com', decision: 'reject' });
    expect(rejectionOf({ kind: 'reject', referenced: ownReject })).toBe('accepted');
  });

  it('refuses decisions on a run not waiting, before the wait began, or after the window', () => {
    expect(rejectionOf({ run: { ...run, status: 'succeeded' } })).toBe('not_waiting');
    expect(rejectionOf({ run: { ...run, readyForApprovalAt: null } })).toBe('outside_window');
    expect(rejectionOf({ referenced: row({ createdAt: new Date(readyAt.getTime() - 1) }) })).toBe(
      'outside_window',
    );
    expect(rejectionOf({ referenced: row({ createdAt: new Date(readyAt.getTime() + 3_600_001) }) })).toBe(
      'outside_window',
    );
    expect(
      rejectionOf({
        approvalWindowMs: null,
        referenced: row({ createdAt: new Date(readyAt.getTime() + 10 * 3_600_000) }),
      }),
    ).toBe('accepted');
  });

  it('counts distinct eligible approvers up to the required number', () => {
    const twoNeeded = { ...run, requiredApprovals: 2 };
    const ada = row();
    const viewer = row({ id: 'appr-2', userId: 'user-vic', role: 'viewer' });
    const author = row({ id: 'appr-3', userId: 'user-aut', userEmail: 'author@example.com' });
    const bob = row({ id: 'appr-4', userId: 'user-bob', role: 'admin' });
    expect(rejectionOf({ run: twoNeeded, referenced: ada, recorded: [ada, viewer, author] })).toBe(
      'not_enough_approvals',
    );
    expect(evaluate({ run: twoNeeded, referenced: ada, recorded: [ada, viewer, author, bob] })).toMatchObject(
      {
        accepted: true,
        approvedBy: ['user-ada', 'user-bob'],
      },
    );
  });

  it('lets an eligible rejection on record outweigh approvals', () => {
    const ada = row();
    const no = row({ id: 'appr-2', userId: 'user-bob', decision: 'reject', reason: 'wrong layer' });
    expect(rejectionOf({ referenced: ada, recorded: [ada, no] })).toBe('rejected_on_record');
    expect(evaluate({ kind: 'reject', approvalId: 'appr-2', referenced: no, recorded: [ada, no] })).toEqual({
      accepted: true,
      kind: 'reject',
      decidedBy: 'user-bob',
      reason: 'wrong layer',
      approvedBy: [],
    });
  });
});
