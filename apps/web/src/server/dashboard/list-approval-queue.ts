// Runs waiting for a decision, oldest first (the one closest to its approval timeout leads).
import 'server-only';
import { db } from '../db.ts';

export const listApprovalQueue = async ({
  organizationId,
  userId,
  userEmail,
}: {
  organizationId: string;
  userId: string;
  userEmail: string | null;
}) => {
  const runs = await db().healingRun.findMany({
    where: { status: 'waiting_approval', repository: { organizationId } },
    orderBy: { readyForApprovalAt: 'asc' },
    take: 200,
    select: {
      id: true,
      readyForApprovalAt: true,
      createdAt: true,
      requiredApprovals: true,
      repository: { select: { fullName: true, provider: true } },
      failureEvent: { select: { branch: true, headSha: true, commitAuthorEmail: true } },
      diagnoses: { orderBy: { createdAt: 'desc' }, take: 1, select: { category: true, summary: true } },
      patchAttempts: {
        where: { selected: true },
        take: 1,
        select: { strategy: true, filesChanged: true, linesAdded: true, linesRemoved: true, riskScore: true },
      },
      approvals: { select: { userId: true, decision: true } },
    },
  });
  const email = userEmail?.toLowerCase() ?? null;
  // A run already decided (rejected, or approved by enough people) is no longer the queue's business,
  // even in the moment before its workflow has taken the signal and moved the run on.
  const open = runs.filter(
    (run) =>
      !run.approvals.some((a) => a.decision === 'reject') &&
      run.approvals.filter((a) => a.decision === 'approve').length < run.requiredApprovals,
  );
  return open.map((run) => {
    const authored = email !== null && run.failureEvent.commitAuthorEmail === email;
    const decided = run.approvals.some((a) => a.userId === userId);
    return {
      id: run.id,
      repository: run.repository.fullName,
      provider: run.repository.provider,
      branch: run.failureEvent.branch,
      headSha: run.failureEvent.headSha,
      commitAuthorEmail: run.failureEvent.commitAuthorEmail,
      category: run.diagnoses[0]?.category ?? null,
      summary: run.diagnoses[0]?.summary ?? null,
      patch: run.patchAttempts[0] ?? null,
      waitingSince: (run.readyForApprovalAt ?? run.createdAt).toISOString(),
      approvals: run.approvals.filter((a) => a.decision === 'approve').length,
      requiredApprovals: run.requiredApprovals,
      // Why this user may not approve, shown next to the disabled button.
      approveBlockedReason: authored
        ? 'You authored the failing commit; another approver must approve.'
        : decided
          ? 'You already decided on this run.'
          : null,
    };
  });
};

export type ApprovalQueueItem = Awaited<ReturnType<typeof listApprovalQueue>>[number];
