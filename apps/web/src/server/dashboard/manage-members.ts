// Settings > Members: list an organisation's members; admins change roles. A role set here is a manual
// grant (fromGroupClaim=false), so the next login's groups claim no longer overrides it.
import 'server-only';
import { z } from 'zod';
import { AppError } from '@suture/core';
import { appendAuditEvent, auditedTransaction, type Role } from '@suture/db';
import { isRoleAtLeast, rolesAscending } from '../auth/compare-roles.ts';
import { db } from '../db.ts';

export const listMembers = async ({ organizationId }: { organizationId: string }) => {
  const members = await db().membership.findMany({
    where: { organizationId },
    orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
    select: {
      id: true,
      role: true,
      fromGroupClaim: true,
      createdAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  return members.map((m) => ({
    id: m.id,
    role: m.role,
    source: m.fromGroupClaim ? ('groups claim' as const) : ('manual' as const),
    since: m.createdAt.toISOString(),
    user: m.user,
  }));
};

export const MemberRoleInput = z.object({ role: z.enum(rolesAscending) });

export const updateMemberRole = async ({
  organizationId,
  membershipId,
  actor,
  input,
}: {
  organizationId: string;
  membershipId: string;
  actor: { userId: string; role: Role };
  input: z.infer<typeof MemberRoleInput>;
}) =>
  db().$transaction(async (tx) => {
    const member = await tx.membership.findFirst({ where: { id: membershipId, organizationId } });
    if (!member) throw new AppError('NOT_FOUND', `no member ${membershipId}`);
    if (member.userId === actor.userId)
      throw new AppError('FORBIDDEN', 'you cannot change your own role; ask another admin');
    const touchesOwner = member.role === 'owner' || input.role === 'owner';
    if (touchesOwner && !isRoleAtLeast({ role: actor.role, minimum: 'owner' }))
      throw new AppError('FORBIDDEN', 'only an owner can grant or remove the owner role');
    if (member.role === 'owner' && input.role !== 'owner') {
      const owners = await tx.membership.count({ where: { organizationId, role: 'owner' } });
      if (owners <= 1) throw new AppError('CONFLICT', 'an organization keeps at least one owner');
    }
    const updated = await tx.membership.update({
      where: { id: member.id },
      data: { role: input.role, fromGroupClaim: false },
    });
    await appendAuditEvent({
      db: tx,
      inTransaction: true,
      event: {
        organizationId,
        actorType: 'user',
        actorId: actor.userId,
        action: 'member.role_changed',
        subjectType: 'Membership',
        subjectId: member.id,
        data: { userId: member.userId, from: member.role, to: input.role },
      },
    });
    return { id: updated.id, role: updated.role };
  }, auditedTransaction);
