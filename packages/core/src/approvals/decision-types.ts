// Shapes the approval rules read. The worker fills them from the database; the rules themselves are pure.
export type MemberRole = 'owner' | 'admin' | 'approver' | 'viewer';

/** One Approval row, with who wrote it and the role that user holds in the run's organisation now. */
export type RecordedDecision = {
  id: string;
  healingRunId: string;
  userId: string;
  /** Lower-cased; null when the user has none. */
  userEmail: string | null;
  /** Null when the user is not (or no longer) a member of the run's organisation. */
  role: MemberRole | null;
  decision: 'approve' | 'reject';
  reason: string;
  createdAt: Date;
};

export type RunForDecision = {
  id: string;
  status: string;
  requiredApprovals: number;
  /** When the run started waiting; decisions older than this cannot be for this wait. */
  readyForApprovalAt: Date | null;
  /** Lower-cased email of the failing commit's author; null when unknown. */
  commitAuthorEmail: string | null;
};

const rolesAscending: readonly MemberRole[] = ['viewer', 'approver', 'admin', 'owner'];

export const isRoleAtLeast = (role: MemberRole | null, minimum: MemberRole) =>
  role !== null && rolesAscending.indexOf(role) >= rolesAscending.indexOf(minimum);
