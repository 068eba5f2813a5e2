// Whether a decision signal may move a run: the signal only names an Approval row, and everything that
// makes the decision count is read from that row and the run (never from the signal's own claims).
import { isRoleAtLeast, type RecordedDecision, type RunForDecision } from './decision-types.ts';

export type DecisionRejection =
  | 'missing_id'
  | 'unknown_approval'
  | 'other_run'
  | 'decision_mismatch'
  | 'not_member'
  | 'role_too_low'
  | 'commit_author'
  | 'not_waiting'
  | 'outside_window'
  | 'rejected_on_record'
  | 'not_enough_approvals';

export type DecisionVerdict =
  | {
      accepted: true;
      kind: 'approve' | 'reject';
      decidedBy: string;
      reason: string;
      /** For approvals: every eligible approver counted (distinct users). */
      approvedBy: string[];
    }
  | { accepted: false; rejection: DecisionRejection; detail: string };

export type EvaluateDecisionOptions = {
  /** Which signal arrived (`approve` or `reject`). */
  kind: 'approve' | 'reject';
  /** The Approval id the signal carried, if it carried one. */
  approvalId: string | null;
  run: RunForDecision;
  /** The row `approvalId` names, looked up without regard to run; null when there is none. */
  referenced: RecordedDecision | null;
  /** Every Approval row of this run. */
  recorded: readonly RecordedDecision[];
  /** How long the run waits for a decision after it became ready (the policy's timeout); null = no limit. */
  approvalWindowMs: number | null;
};

const refuse = (rejection: DecisionRejection, detail: string): DecisionVerdict => ({
  accepted: false,
  rejection,
  detail,
});

/** Why one recorded decision does not count, or null when it does. */
const ineligibility = (
  row: RecordedDecision,
  options: EvaluateDecisionOptions,
): { rejection: DecisionRejection; detail: string } | null => {
  const { run, approvalWindowMs } = options;
  if (row.role === null)
    return {
      rejection: 'not_member',
      detail: `user ${row.userId} is not a member of the run's organisation`,
    };
  if (!isRoleAtLeast(row.role, 'approver'))
    return {
      rejection: 'role_too_low',
      detail: `user ${row.userId} is ${row.role}; approver or higher decides`,
    };
  // Four eyes: the failing commit's author may reject a fix for it, never approve one.
  if (row.decision === 'approve' && run.commitAuthorEmail !== null && row.userEmail === run.commitAuthorEmail)
    return { rejection: 'commit_author', detail: `user ${row.userId} authored the failing commit` };
  const opened = run.readyForApprovalAt;
  if (opened === null || row.createdAt.getTime() < opened.getTime())
    return { rejection: 'outside_window', detail: `decision ${row.id} predates the run's wait for approval` };
  if (approvalWindowMs !== null && row.createdAt.getTime() > opened.getTime() + approvalWindowMs)
    return {
      rejection: 'outside_window',
      detail: `decision ${row.id} came after the approval window closed`,
    };
  return null;
};

export const evaluateDecision = (options: EvaluateDecisionOptions): DecisionVerdict => {
  const { kind, approvalId, run, referenced, recorded } = options;
  if (!approvalId) return refuse('missing_id', 'the signal names no Approval row');
  if (!referenced) return refuse('unknown_approval', `no Approval ${approvalId}`);
  if (referenced.healingRunId !== run.id)
    return refuse('other_run', `Approval ${approvalId} belongs to another run`);
  if (referenced.decision !== kind)
    return refuse('decision_mismatch', `Approval ${approvalId} is a ${referenced.decision}, not a ${kind}`);
  if (run.status !== 'waiting_approval')
    return refuse('not_waiting', `run ${run.id} is ${run.status}, not waiting for approval`);
  const own = ineligibility(referenced, options);
  if (own) return refuse(own.rejection, own.detail);
  if (kind === 'reject')
    return { accepted: true, kind, decidedBy: referenced.userId, reason: referenced.reason, approvedBy: [] };
  const eligible = recorded.filter((row) => row.healingRunId === run.id && !ineligibility(row, options));
  // An eligible rejection on record wins over any number of approvals (its own signal ends the run).
  const rejection = eligible.find((row) => row.decision === 'reject');
  if (rejection) return refuse('rejected_on_record', `user ${rejection.userId} rejected this fix`);
  const approvers = [...new Set(eligible.filter((row) => row.decision === 'approve').map((r) => r.userId))];
  if (!approvers.includes(referenced.userId)) approvers.push(referenced.userId);
  if (approvers.length < run.requiredApprovals)
    return refuse(
      'not_enough_approvals',
      `${approvers.length} of ${run.requiredApprovals} required approvals by distinct eligible approvers`,
    );
  return {
    accepted: true,
    kind,
    decidedBy: referenced.userId,
    reason: referenced.reason,
    approvedBy: approvers.sort(),
  };
};
