// Settings > Policy: the active policy version, and saving a new one. Versions are immutable; saving
// creates version n+1 and makes it the only active one, so every run records the exact policy it met.
import 'server-only';
import { z } from 'zod';
import { AppError, defaultPolicy, PolicyDocument } from '@suture/core';
import { appendAuditEvent, auditedTransaction, Prisma } from '@suture/db';
import { db } from '../db.ts';

export const getActivePolicy = async ({ organizationId }: { organizationId: string }) => {
  const active = await db().policyVersion.findFirst({
    where: { organizationId, active: true },
    orderBy: { version: 'desc' },
    include: { createdBy: { select: { email: true } } },
  });
  const parsed = active ? PolicyDocument.safeParse(active.document) : null;
  return {
    version: active?.version ?? null,
    createdAt: active?.createdAt.toISOString() ?? null,
    createdBy: active?.createdBy?.email ?? null,
    // A stored document that no longer parses is shown as the strict default the worker falls back to.
    invalidStored: parsed ? !parsed.success : false,
    document: parsed?.success ? parsed.data : defaultPolicy(),
  };
};

/** The editable fields; the rest of the document is kept as it is. */
export const PolicyUpdateInput = z.object({
  maxAutoOpenRisk: z.number().int().min(-1).max(100),
  requiredApprovals: z.number().int().min(1).max(5),
  protectedPaths: z.array(z.string().trim().min(1).max(300)).max(200),
  protectedBranches: z.array(z.string().trim().min(1).max(255)).max(200),
});

export const savePolicy = async ({
  organizationId,
  actorId,
  input,
}: {
  organizationId: string;
  actorId: string;
  input: z.infer<typeof PolicyUpdateInput>;
}) => {
  const current = await getActivePolicy({ organizationId });
  const document = PolicyDocument.parse({ ...current.document, ...input });
  try {
    return await db().$transaction(async (tx) => {
      const latest = await tx.policyVersion.findFirst({
        where: { organizationId },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      await tx.policyVersion.updateMany({ where: { organizationId, active: true }, data: { active: false } });
      const created = await tx.policyVersion.create({
        data: {
          organizationId,
          version: (latest?.version ?? 0) + 1,
          document,
          active: true,
          createdById: actorId,
        },
      });
      await appendAuditEvent({
        db: tx,
        inTransaction: true,
        event: {
          organizationId,
          actorType: 'user',
          actorId,
          action: 'policy.saved',
          subjectType: 'PolicyVersion',
          subjectId: created.id,
          data: { version: created.version, from: current.version, document },
        },
      });
      return { version: created.version, document };
    }, auditedTransaction);
  } catch (error) {
    // Two admins saving at once: the second loses the race for the version number and retries by hand.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new AppError('CONFLICT', 'someone saved the policy at the same time; reload and try again');
    throw error;
  }
};
