// Audit export of a date range as a CSV or JSON download (admins and above). The export is audited.
import { appendAuditEvent } from '@suture/db';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { db } from '@/server/db.ts';
import { AuditExportQuery, exportAuditEvents } from '@/server/dashboard/export-audit-events.ts';
import { parseQuery } from '@/server/dashboard/parse-query.ts';
import { handleRoute, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handleRoute(async (request: Request) => {
  const params = searchParamsOf(request);
  const { user, membership } = await requireOrgRole({
    request,
    minimum: 'admin',
    orgSlug: params.get('org'),
  });
  const query = parseQuery(AuditExportQuery, params);
  const file = await exportAuditEvents({ organizationId: membership.organizationId, query });
  // Recorded after the rows were read, so the export never contains its own record.
  await appendAuditEvent({
    db: db(),
    event: {
      organizationId: membership.organizationId,
      actorType: 'user',
      actorId: user.id,
      action: 'audit.exported',
      subjectType: 'AuditEvent',
      subjectId: null,
      data: { from: query.from, to: query.to, format: query.format },
    },
  });
  return new Response(file.body, {
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${file.filename}"`,
      'cache-control': 'no-store',
    },
  });
});
