import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { AppError } from '@suture/core';
import { requireApiToken } from '@/server/api-auth.ts';
import { db } from '@/server/db.ts';
import { errorResponse } from '@/server/http-errors.ts';

export const dynamic = 'force-dynamic';

const querySchema = z.object({
  status: z.enum(['received', 'processed', 'ignored', 'failed', 'dead_letter']).default('dead_letter'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** Lists deliveries by status (dead letters by default), newest first. */
export async function GET(request: NextRequest) {
  try {
    requireApiToken(request);
    const parsed = querySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
    if (!parsed.success)
      throw new AppError(
        'BAD_INPUT',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const deliveries = await db().webhookDelivery.findMany({
      where: { status: parsed.data.status },
      orderBy: { receivedAt: 'desc' },
      take: parsed.data.limit,
      select: {
        deliveryId: true,
        event: true,
        action: true,
        status: true,
        error: true,
        attempts: true,
        receivedAt: true,
        processedAt: true,
        spooledAt: true,
        bodySha256: true,
        payloadNote: true,
      },
    });
    return NextResponse.json({ deliveries });
  } catch (error) {
    return errorResponse(error);
  }
}
