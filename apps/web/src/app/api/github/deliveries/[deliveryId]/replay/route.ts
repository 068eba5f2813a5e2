import { NextResponse } from 'next/server';
import { AppError } from '@suture/core';
import { requireApiToken } from '@/server/api-auth.ts';
import { db } from '@/server/db.ts';
import { errorResponse } from '@/server/http-errors.ts';
import { processDelivery } from '@/server/intake/process-delivery.ts';

export const dynamic = 'force-dynamic';

/** Processes a dead-lettered delivery again; idempotent, since healing is keyed by run and attempt. */
export async function POST(request: Request, context: { params: Promise<{ deliveryId: string }> }) {
  try {
    requireApiToken(request);
    const { deliveryId } = await context.params;
    const delivery = await db().webhookDelivery.findUnique({
      where: { deliveryId },
      select: { status: true, payload: true, error: true },
    });
    if (!delivery) throw new AppError('NOT_FOUND', `no delivery ${deliveryId}`);
    // Kept raw because it could not be parsed: replaying the same bytes cannot change that.
    if (delivery.status === 'dead_letter' && delivery.payload === null)
      throw new AppError(
        'CONFLICT',
        `delivery ${deliveryId} has no processable payload (${delivery.error ?? 'unparseable'}); its raw body is kept`,
      );
    if (delivery.status !== 'dead_letter')
      throw new AppError('CONFLICT', `delivery ${deliveryId} is ${delivery.status}, not a dead letter`);
    const outcome = await processDelivery(deliveryId);
    return NextResponse.json(
      { deliveryId, ...outcome },
      { status: outcome.status === 'dead_letter' ? 503 : 200 },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
