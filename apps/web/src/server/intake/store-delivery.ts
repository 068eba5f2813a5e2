// Stores one verified delivery, raw bytes included, exactly once per X-GitHub-Delivery id. Used by the
// route and by the spool drainer, so a delivery stored late is stored the same way as one stored at once.
import 'server-only';
import { prepareWebhookPayload } from '@suture/core/intake/prepare-webhook-payload';
import { Prisma } from '@suture/db';
import { db } from '../db.ts';

export type VerifiedDelivery = {
  deliveryId: string;
  event: string;
  body: Uint8Array;
  receivedAt: Date;
  /** When it was written to the spool, for one drained from there. */
  spooledAt?: Date;
};

export type StoredDelivery =
  { kind: 'stored'; deadLetterReason: string | null } | { kind: 'duplicate'; status: string };

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

const databaseAnswers = async () => {
  try {
    await db().$queryRaw`select 1`;
    return true;
  } catch {
    return false;
  }
};

/**
 * Throws when the database cannot take the row (down, unreachable): the caller then spools the delivery.
 * If the database is up but refuses the payload anyway, the delivery is stored raw, as a dead letter.
 */
export const storeDelivery = async (delivery: VerifiedDelivery): Promise<StoredDelivery> => {
  const prepared = prepareWebhookPayload({ body: delivery.body });
  const base = {
    deliveryId: delivery.deliveryId,
    event: delivery.event,
    action: prepared.action,
    signatureValid: true,
    rawBody: Buffer.from(delivery.body) as Uint8Array<ArrayBuffer>,
    bodySha256: prepared.bodySha256,
    payloadNote: prepared.payloadNote,
    receivedAt: delivery.receivedAt,
    spooledAt: delivery.spooledAt ?? null,
  };
  const deadLetter = (reason: string) => ({
    ...base,
    payload: Prisma.DbNull,
    status: 'dead_letter' as const,
    error: reason,
    processedAt: new Date(),
  });
  const duplicate = async (): Promise<StoredDelivery> => {
    const existing = await db().webhookDelivery.findUniqueOrThrow({
      where: { deliveryId: delivery.deliveryId },
      select: { status: true },
    });
    return { kind: 'duplicate', status: existing.status };
  };
  try {
    await db().webhookDelivery.create({
      data:
        prepared.deadLetterReason !== null
          ? deadLetter(prepared.deadLetterReason)
          : { ...base, payload: prepared.payload as Prisma.InputJsonValue },
    });
    return { kind: 'stored', deadLetterReason: prepared.deadLetterReason };
  } catch (error) {
    if (isUniqueViolation(error)) return duplicate();
    if (prepared.deadLetterReason !== null || !(await databaseAnswers())) throw error;
    // The database is up and still refused the row: keep the exact bytes, unparsed, with the reason.
    const reason = `the database refused the payload: ${(error instanceof Error ? error.message : String(error)).slice(0, 300).replaceAll('\u0000', '')}`;
    try {
      await db().webhookDelivery.create({ data: deadLetter(reason) });
      return { kind: 'stored', deadLetterReason: reason };
    } catch (second) {
      if (isUniqueViolation(second)) return duplicate();
      throw second;
    }
  }
};
