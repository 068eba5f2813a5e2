// A reviewer's verdict on a run's diagnosis (approvers and above): feeds the accuracy chart.
import { NextResponse } from 'next/server';
import { requireOrgRole } from '@/server/auth/require-org-role.ts';
import { parseQuery } from '@/server/dashboard/parse-query.ts';
import {
  DiagnosisFeedbackInput,
  recordDiagnosisFeedback,
} from '@/server/dashboard/record-diagnosis-feedback.ts';
import { handleRoute, readJsonBody, searchParamsOf } from '@/server/route-handler.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = handleRoute(async (request: Request, context: { params: Promise<{ runId: string }> }) => {
  const { user, membership } = await requireOrgRole({
    request,
    minimum: 'approver',
    orgSlug: searchParamsOf(request).get('org'),
  });
  const input = parseQuery(DiagnosisFeedbackInput, await readJsonBody(request, 1024));
  const { runId } = await context.params;
  return NextResponse.json(
    await recordDiagnosisFeedback({
      runId,
      organizationId: membership.organizationId,
      userId: user.id,
      input,
    }),
  );
});
