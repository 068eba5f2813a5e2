// One drainer pass: spooled deliveries into the database (exactly once: storeDelivery dedupes on the
// X-GitHub-Delivery id, so a segment replayed after a crash stores nothing twice), then acting on them,
// then on any stored delivery whose processing was cut off (status still `received`).
import 'server-only';
import { drainSpool, type DrainResult } from '@suture/core/spool/drain-spool';
import { listSegments } from '@suture/core/spool/spool-files';
import type { SpoolRecord } from '@suture/core/spool/spool-frame';
import { db } from '../db.ts';
import { deliverySpoolDir, openedDeliverySpool } from './delivery-spool.ts';
import { processDelivery } from './process-delivery.ts';
import { storeDelivery } from './store-delivery.ts';

/** How long a stored delivery may stay `received` before the sweep assumes its processing was lost. */
const STUCK_AFTER_MS = 60_000;

const storeRecord = async (record: SpoolRecord) => {
  const { deliveryId, event, receivedAt } = record.header;
  if (!deliveryId || !event || !receivedAt) throw new Error('spool record without delivery headers');
  const stored = await storeDelivery({
    deliveryId,
    event,
    body: record.body,
    receivedAt: new Date(receivedAt),
    spooledAt: new Date(receivedAt),
  });
  const fresh = stored.kind === 'stored' && stored.deadLetterReason === null;
  if (fresh || (stored.kind === 'duplicate' && stored.status === 'received'))
    await processDelivery(deliveryId);
};

const sweepStuck = async () => {
  const stuck = await db().webhookDelivery.findMany({
    where: { status: 'received', receivedAt: { lt: new Date(Date.now() - STUCK_AFTER_MS) } },
    select: { deliveryId: true },
    orderBy: { receivedAt: 'asc' },
    take: 50,
  });
  for (const { deliveryId } of stuck) await processDelivery(deliveryId);
  return stuck.length;
};

export type DrainPass = DrainResult & { swept: number };

/** Throws while the database is unavailable (the caller backs off and retries). */
export const drainDeliverySpool = async (): Promise<DrainPass> => {
  const dir = deliverySpoolDir();
  const writer = await openedDeliverySpool();
  const pending =
    writer?.activeSegment() !== undefined || (await listSegments(dir)).some((s) => s.kind !== 'corrupt');
  let result: DrainResult = { segments: 0, records: 0, tornSegments: 0, corruptSegments: 0 };
  if (pending) {
    await db().$queryRaw`select 1`; // only take segments while the database answers
    await writer?.seal();
    result = await drainSpool({
      dir,
      store: storeRecord,
      activeSegment: writer?.activeSegment(),
      onTornTail: (segment, bytes) =>
        console.warn(
          `spool: ${segment} ended in ${bytes} bytes of an append that never finished (never acknowledged)`,
        ),
    });
    await writer?.refreshUsage();
    if (result.records > 0)
      console.log(`spool: stored ${result.records} delivered while the database was down`);
    if (result.corruptSegments > 0)
      console.error(`spool: ${result.corruptSegments} corrupt segment(s) kept in ${dir}`);
  }
  return { ...result, swept: await sweepStuck() };
};
