// Audit export for a date range, as CSV or JSON: every stored column, so an auditor can recompute the
// hash chain from the file. Bounded so one request cannot dump an unbounded table into memory.
import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { AppError } from '@suture/core';
import { db } from '../db.ts';
import { auditRangeWhere } from './search-audit-events.ts';

export const MAX_EXPORT_ROWS = 100_000;

export const AuditExportQuery = z
  .object({
    org: z.string().max(100).optional(),
    format: z.enum(['csv', 'json']).default('csv'),
    from: z.iso.date(),
    to: z.iso.date(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });

export const exportColumns = [
  'seq',
  'createdAt',
  'organizationId',
  'actorType',
  'actorId',
  'action',
  'subjectType',
  'subjectId',
  'data',
  'prevHash',
  'hash',
] as const;

export const exportAuditEvents = async ({
  organizationId,
  query,
}: {
  organizationId: string;
  query: z.infer<typeof AuditExportQuery>;
}) => {
  const where = { organizationId, ...auditRangeWhere(query) };
  const count = await db().auditEvent.count({ where });
  if (count > MAX_EXPORT_ROWS)
    throw new AppError(
      'TOO_LARGE',
      `${count} events in that range; export at most ${MAX_EXPORT_ROWS} at a time (narrow the dates)`,
    );
  const events = await db().auditEvent.findMany({ where, orderBy: { seq: 'asc' } });
  const rows = events.map((e) => ({
    seq: String(e.seq),
    createdAt: e.createdAt.toISOString(),
    organizationId: e.organizationId,
    actorType: e.actorType,
    actorId: e.actorId,
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
  }));
  const filename = `suture-audit-${query.from}_${query.to}.${query.format}`;
  if (query.format === 'json')
    return {
      filename,
      contentType: 'application/json; charset=utf-8',
      body: JSON.stringify({ from: query.from, to: query.to, count: rows.length, events: rows }, null, 2),
    };
  return {
    filename,
    contentType: 'text/csv; charset=utf-8',
    body: stringify(
      rows.map((r) => ({ ...r, data: JSON.stringify(r.data) })),
      { header: true, columns: [...exportColumns] },
    ),
  };
};
