import { NextResponse, type NextRequest } from 'next/server';
import { checkHealth } from '@/server/check-health.ts';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** 200 when the database and Temporal answer (and, with ?deep=1, a worker runs `ping`); 503 naming what is down. */
export async function GET(request: NextRequest) {
  const deep = ['1', 'true'].includes(request.nextUrl.searchParams.get('deep') ?? '');
  const report = await checkHealth({ deep });
  const body = report.status === 'ok' ? report : { ...report, message: `down: ${report.down.join(', ')}` };
  return NextResponse.json(body, {
    status: report.status === 'ok' ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  });
}
