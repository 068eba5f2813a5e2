// Settings > Repositories: what Suture watches, and switching a repository's healing on or off.
import 'server-only';
import { z } from 'zod';
import { AppError } from '@suture/core';
import { appendAuditEvent, auditedTransaction } from '@suture/db';
import { db } from '../db.ts';

export const listRepositories = async ({ organizationId }: { organizationId: string }) => {
  const repositories = await db().repository.findMany({
    where: { organizationId },
    orderBy: { fullName: 'asc' },
    select: {
      id: true,
      fullName: true,
      provider: true,
      enabled: true,
      defaultBranch: true,
      localPath: true,
      createdAt: true,
      _count: { select: { healingRuns: true } },
    },
  });
  return repositories.map(({ _count, createdAt, ...r }) => ({
    ...r,
    runs: _count.healingRuns,
    createdAt: createdAt.toISOString(),
  }));
};

export const RepositoryUpdateInput = z.object({ enabled: z.boolean() });

export const updateRepository = async ({
  organizationId,
  repositoryId,
  actorId,
  input,
}: {
  organizationId: string;
  repositoryId: string;
  actorId: string;
  input: z.infer<typeof RepositoryUpdateInput>;
}) =>
  db().$transaction(async (tx) => {
    const repository = await tx.repository.findFirst({ where: { id: repositoryId, organizationId } });
    if (!repository) throw new AppError('NOT_FOUND', `no repository ${repositoryId}`);
    const updated = await tx.repository.update({
      where: { id: repository.id },
      data: { enabled: input.enabled },
    });
    await appendAuditEvent({
      db: tx,
      inTransaction: true,
      event: {
        organizationId,
        actorType: 'user',
        actorId,
        action: input.enabled ? 'repository.enabled' : 'repository.disabled',
        subjectType: 'Repository',
        subjectId: repository.id,
        data: { fullName: repository.fullName },
      },
    });
    return { id: updated.id, enabled: updated.enabled };
  }, auditedTransaction);
