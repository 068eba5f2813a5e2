import { NextResponse } from 'next/server';
import { AppError } from '@suture/core';
import { requireApiToken } from '@/server/api-auth.ts';
import { errorResponse, readBodyWithLimit } from '@/server/http-errors.ts';
import { ingestLocalFailure, LocalFailureReport } from '@/server/intake/ingest-local-failure.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Reports a CI failure in a local repository (what `npx suture ingest` calls). */
export async function POST(request: Request) {
  try {
    requireApiToken(request);
    const body = await readBodyWithLimit(request, MAX_BODY_BYTES);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new AppError('BAD_INPUT', 'body is not valid JSON');
    }
    const parsed = LocalFailureReport.safeParse(json);
    if (!parsed.success)
      throw new AppError(
        'BAD_INPUT',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
      );
    const result = await ingestLocalFailure(parsed.data);
    return NextResponse.json(result, { status: result.started ? 201 : 200 });
  } catch (error) {
    return errorResponse(error);
  }
}
