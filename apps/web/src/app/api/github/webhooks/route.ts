import { NextResponse } from 'next/server';
import { errorResponse } from '@/server/http-errors.ts';
import { receiveWebhook } from '@/server/intake/receive-webhook.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function POST(request: Request) {
  try {
    const result = await receiveWebhook(request);
    return NextResponse.json(result.body, { status: result.httpStatus });
  } catch (error) {
    return errorResponse(error);
  }
}
