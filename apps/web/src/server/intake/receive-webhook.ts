// Receives one GitHub webhook delivery: bound the body, authenticate its exact bytes, then keep it
// (database, or the local spool while the database is down) before anything acts on it.
import 'server-only';
import { circuitBreaker, ConsecutiveBreaker, handleAll } from 'cockatiel';
import { AppError } from '@suture/core';
import { verifyWebhookSignature } from '@suture/core/intake/verify-webhook-signature';
import { webEnv } from '../env.ts';
import { readBodyWithLimit } from '../http-errors.ts';
import { deliverySpool } from './delivery-spool.ts';
import { processDelivery, type DeliveryOutcome } from './process-delivery.ts';
import { storeDelivery, type VerifiedDelivery } from './store-delivery.ts';

export type WebhookResult = {
  httpStatus: number;
  body: Omit<Partial<DeliveryOutcome>, 'status'> & {
    deliveryId: string;
    duplicate: boolean;
    status: DeliveryOutcome['status'] | 'spooled' | 'received';
    detail: string;
  };
};

// After 3 deliveries in a row found the database down, the next ones go straight to the spool for 1 s
// instead of each waiting on a failed connection (a burst during an outage would otherwise queue up);
// then one delivery tries the database again.
const databaseBreaker = circuitBreaker(handleAll, {
  halfOpenAfter: 1_000,
  breaker: new ConsecutiveBreaker(3),
});

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

/** The database could not take it: the spool keeps it (fsync'd) until the drainer can. */
const spool = async (delivery: VerifiedDelivery, cause: unknown): Promise<WebhookResult> => {
  console.warn(`webhook ${delivery.deliveryId}: database unavailable (${errorText(cause)}); spooling`);
  try {
    const writer = await deliverySpool();
    await writer.append({
      header: {
        deliveryId: delivery.deliveryId,
        event: delivery.event,
        receivedAt: delivery.receivedAt.toISOString(),
      },
      body: delivery.body,
    });
  } catch (error) {
    // 503 makes GitHub record a failed delivery that can be redelivered: refusing is not losing.
    console.error(`webhook ${delivery.deliveryId}: could not spool: ${errorText(error)}`);
    throw new AppError(
      'UNAVAILABLE',
      'the database is unavailable and the delivery spool cannot take more; redeliver later',
    );
  }
  return {
    httpStatus: 202,
    body: {
      deliveryId: delivery.deliveryId,
      duplicate: false,
      status: 'spooled',
      detail: 'database unavailable: the delivery is kept in the local spool and stored when it is back',
    },
  };
};

export const receiveWebhook = async (request: Request): Promise<WebhookResult> => {
  const env = webEnv();
  if (!env.GITHUB_WEBHOOK_SECRET)
    throw new AppError('UNAVAILABLE', 'GitHub webhooks are not configured: set GITHUB_WEBHOOK_SECRET');
  const signature = request.headers.get('x-hub-signature-256');
  if (!signature) throw new AppError('UNAUTHORIZED', 'missing X-Hub-Signature-256');
  const event = request.headers.get('x-github-event');
  const deliveryId = request.headers.get('x-github-delivery');
  if (!event || !/^[a-z_]{1,64}$/.test(event))
    throw new AppError('BAD_INPUT', 'missing or invalid X-GitHub-Event');
  if (!deliveryId || !/^[A-Za-z0-9-]{1,100}$/.test(deliveryId))
    throw new AppError('BAD_INPUT', 'missing or invalid X-GitHub-Delivery');

  // Size, then signature over the exact bytes, then (in storeDelivery) depth and parsing: an
  // unauthenticated body is never interpreted or stored.
  const body = await readBodyWithLimit(request, env.WEBHOOK_MAX_BYTES);
  if (!verifyWebhookSignature({ body, signature, secret: env.GITHUB_WEBHOOK_SECRET }))
    throw new AppError('UNAUTHORIZED', 'signature does not match');

  const delivery: VerifiedDelivery = { deliveryId, event, body, receivedAt: new Date() };
  let stored: Awaited<ReturnType<typeof storeDelivery>>;
  try {
    stored = await databaseBreaker.execute(() => storeDelivery(delivery));
  } catch (error) {
    return spool(delivery, error);
  }
  if (stored.kind === 'duplicate')
    return {
      httpStatus: 202,
      body: { deliveryId, duplicate: true, status: 'ignored', detail: 'delivery already received' },
    };
  // Kept as a dead letter (raw bytes and the reason); GitHub is told the payload was bad.
  if (stored.deadLetterReason !== null) throw new AppError('BAD_INPUT', stored.deadLetterReason);
  let outcome: DeliveryOutcome;
  try {
    outcome = await processDelivery(deliveryId);
  } catch (error) {
    // Stored but not acted on (the database went away in between): the drainer's sweep processes it.
    console.warn(`webhook ${deliveryId}: stored, processing deferred (${errorText(error)})`);
    return {
      httpStatus: 202,
      body: { deliveryId, duplicate: false, status: 'received', detail: 'stored; processing deferred' },
    };
  }
  if (outcome.status === 'failed') throw new AppError('BAD_INPUT', outcome.detail);
  return { httpStatus: 202, body: { deliveryId, duplicate: false, ...outcome } };
};
