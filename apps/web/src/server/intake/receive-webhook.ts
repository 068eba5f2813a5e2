// Receives one GitHub webhook delivery: authenticate before parsing, bound the body, record once, act.
import 'server-only';
import { Webhooks } from '@octokit/webhooks';
import { AppError } from '@suture/core';
import { Prisma } from '@suture/db';
import { db } from '../db.ts';
import { webEnv } from '../env.ts';
import { readBodyWithLimit } from '../http-errors.ts';
import { processDelivery, type DeliveryOutcome } from './process-delivery.ts';

export type WebhookResult = {
  httpStatus: number;
  body: { deliveryId: string; duplicate: boolean } & Partial<DeliveryOutcome>;
};

let verifier: { secret: string; webhooks: Webhooks } | undefined;
const webhooksFor = (secret: string) => {
  if (verifier?.secret !== secret) verifier = { secret, webhooks: new Webhooks({ secret }) };
  return verifier.webhooks;
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

  const body = await readBodyWithLimit(request, env.WEBHOOK_MAX_BYTES);
  const text = body.toString('utf8');
  // Verified on the raw bytes, before any parsing: an unauthenticated body is never interpreted or stored.
  if (
    !(await webhooksFor(env.GITHUB_WEBHOOK_SECRET)
      .verify(text, signature)
      .catch(() => false))
  ) {
    throw new AppError('UNAUTHORIZED', 'signature does not match');
  }
  let payload: unknown;
  let parseError: string | undefined;
  try {
    payload = JSON.parse(text);
  } catch (error) {
    parseError = `malformed JSON: ${(error as Error).message}`;
  }
  const action =
    payload && typeof payload === 'object' && 'action' in payload && typeof payload.action === 'string'
      ? payload.action.slice(0, 64)
      : null;
  try {
    await db().webhookDelivery.create({
      data: {
        deliveryId,
        event,
        action,
        signatureValid: true,
        payload: parseError ? Prisma.DbNull : (payload as Prisma.InputJsonValue),
        ...(parseError ? { status: 'failed', error: parseError, processedAt: new Date() } : {}),
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return {
        httpStatus: 202,
        body: { deliveryId, duplicate: true, status: 'ignored', detail: 'delivery already received' },
      };
    }
    throw error;
  }
  if (parseError) throw new AppError('BAD_INPUT', parseError);
  const outcome = await processDelivery(deliveryId);
  if (outcome.status === 'failed') throw new AppError('BAD_INPUT', outcome.detail);
  return { httpStatus: 202, body: { deliveryId, duplicate: false, ...outcome } };
};
