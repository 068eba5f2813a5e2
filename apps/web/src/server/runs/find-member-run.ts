// A run the signed-in user may know about: in one of their organisations. Any other run answers 404
// exactly like a missing one, so ids of other teams' runs cannot be probed.
import 'server-only';
import { AppError } from '@suture/core';
import type { Role } from '@suture/db';
import { isRoleAtLeast } from '../auth/compare-roles.ts';
import { getCurrentUser } from '../auth/get-current-user.ts';
import { db } from '../db.ts';

/** Checks in order: signed in (401), run in one of the user's organisations (404), role there (403). */
export const findMemberRun = async ({
  request,
  runId,
  minimum,
}: {
  request: Request;
  runId: string;
  minimum: Role;
}) => {
  const user = await getCurrentUser({ request });
  if (!user) throw new AppError('UNAUTHORIZED', 'sign in first');
  const run = await db().healingRun.findFirst({
    where: {
      id: runId,
      repository: { organizationId: { in: user.memberships.map((m) => m.organizationId) } },
    },
    include: {
      repository: { select: { organizationId: true } },
      failureEvent: { select: { commitAuthorEmail: true, headSha: true } },
    },
  });
  if (!run) throw new AppError('NOT_FOUND', `no run ${runId}`);
  const membership = user.memberships.find((m) => m.organizationId === run.repository.organizationId)!;
  if (!isRoleAtLeast({ role: membership.role, minimum }))
    throw new AppError('FORBIDDEN', `requires the ${minimum} role or higher; you are ${membership.role}`);
  return { user, membership, run };
};
