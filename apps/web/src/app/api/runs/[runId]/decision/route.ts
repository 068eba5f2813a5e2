import { NextResponse } from 'next/server';
import { errorResponse, readBodyWithLimit } from '@/server/http-errors.ts';
import { decideRun } from '@/server/runs/decide-run.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Approve or reject a run waiting for approval (approvers and above; a reason is required). */
export async function POST(request: Request, context: { params: Promise<{ runId: string }> }) {
  try {
    const { runId } = await context.params;
    const body = await readBodyWithLimit(request, 16 * 1024);
    let json: unknown = null;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      json = null; // reported as a 400 after authentication, by decideRun
    }
    return NextResponse.json(await decideRun({ request, runId, body: json }));
  } catch (error) {
    return errorResponse(error);
  }
}
