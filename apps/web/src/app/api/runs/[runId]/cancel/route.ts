// Stop a run that has not finished (approvers and above; a reason is required).
import { NextResponse } from 'next/server';
import { handleRoute } from '@/server/route-handler.ts';
import { readBodyWithLimit } from '@/server/http-errors.ts';
import { cancelRun } from '@/server/runs/cancel-run.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const POST = handleRoute(async (request: Request, context: { params: Promise<{ runId: string }> }) => {
  const { runId } = await context.params;
  const body = await readBodyWithLimit(request, 16 * 1024);
  let json: unknown = null;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    json = null; // reported as a 400 after authentication, by cancelRun
  }
  return NextResponse.json(await cancelRun({ request, runId, body: json }));
});
