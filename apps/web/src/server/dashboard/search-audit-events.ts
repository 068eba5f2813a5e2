// Audit: one organisation's events, searched and paginated newest first.
import 'server-only';
import { z } from 'zod';
import { ActorType, type Prisma } from '@suture/db';
import { db } from '../db.ts';
import { blankToUndefined } from './parse-query.ts';

export const AuditQuery = z
  .object({
    org: z.preprocess(blankToUndefined, z.string().max(100).optional()),
    q: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
    actorType: z.preprocess(blankToUndefined, z.enum(ActorType).optional()),
    from: z.preprocess(blankToUndefined, z.iso.date().optional()),
    to: z.preprocess(blankToUndefined, z.iso.date().optional()),
    page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type AuditQuery = z.infer<typeof AuditQuery>;

const PAGE_SIZE = 50;

/** Dates are whole UTC days: `to` includes its day. */
export const auditRangeWhere = ({ from, to }: { from?: string; to?: string }) =>
  from || to
    ? {
        createdAt: {
          ...(from ? { gte: new Date(`${from}T00:00:00.000Z`) } : {}),
          ...(to ? { lt: new Date(Date.parse(`${to}T00:00:00.000Z`) + 86_400_000) } : {}),
        },
      }
    : {};

export const searchAuditEvents = async ({
  organizationId,
  query,
}: {
  organizationId: string;
  query: AuditQuery;
}) => {
  const where: Prisma.AuditEventWhereInput = {
    organizationId,
    ...(query.actorType ? { actorType: query.actorType } : {}),
    ...auditRangeWhere(query),
    ...(query.q
      ? {
          OR: [
            { action: { contains: query.q, mode: 'insensitive' } },
            { subjectType: { contains: query.q, mode: 'insensitive' } },
            { subjectId: query.q },
            { actorId: query.q },
            { hash: query.q },
          ],
        }
      : {}),
  };
  const [total, events] = await Promise.all([
    db().auditEvent.count({ where }),
    db().auditEvent.findMany({
      where,
      orderBy: { seq: 'desc' },
      skip: (query.page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
    }),
  ]);
  return {
    total,
    page: query.page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    events: events.map((e) => ({
      seq: String(e.seq),
      at: e.createdAt.toISOString(),
      actorType: e.actorType,
      actorId: e.actorId,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      data: e.data,
      hash: e.hash,
    })),
  };
};
