// Writes a decision the way the web app's decision route does (a member of the run's organisation, an
// Approval row), for worker tests that then signal its id as the dashboard would.
import { randomUUID } from 'node:crypto';
import type { Database, Role } from '@suture/db';

export const recordDecision = async (options: {
  db: Database;
  healingRunId: string;
  decision: 'approve' | 'reject';
  reason: string;
  role?: Role;
  email?: string;
}) => {
  const { db } = options;
  const run = await db.healingRun.findUniqueOrThrow({
    where: { id: options.healingRunId },
    include: { repository: { select: { organizationId: true } } },
  });
  const user = await db.user.create({
    data: { email: options.email ?? `${randomUUID().slice(0, 8)}@example.com`, name: 'Reviewer' },
  });
  await db.membership.create({
    data: {
      organizationId: run.repository.organizationId,
      userId: user.id,
      role: options.role ?? 'approver',
    },
  });
  const approval = await db.approval.create({
    data: { healingRunId: run.id, userId: user.id, decision: options.decision, reason: options.reason },
  });
  return { approvalId: approval.id, userId: user.id };
};
