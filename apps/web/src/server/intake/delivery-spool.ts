// The process' one spool writer. Route handlers and instrumentation.ts are separate bundles in Next.js,
// each with its own module instances, so the writer lives on globalThis: one writer, one active segment.
import 'server-only';
import { resolve } from 'node:path';
import { openSpoolWriter, type SpoolWriter } from '@suture/core/spool/open-spool-writer';
import { webEnv } from '../env.ts';

const key = Symbol.for('suture.deliverySpool');
type WithSpool = typeof globalThis & { [key]?: Promise<SpoolWriter> };

export const deliverySpoolDir = () => {
  const env = webEnv();
  return resolve(env.SUTURE_SPOOL_DIR ?? resolve(env.SUTURE_DATA_DIR, 'spool'));
};

export const deliverySpool = (): Promise<SpoolWriter> => {
  const g = globalThis as WithSpool;
  g[key] ??= openSpoolWriter({ dir: deliverySpoolDir(), maxBytes: webEnv().SUTURE_SPOOL_MAX_BYTES }).catch(
    (error: unknown) => {
      g[key] = undefined; // let the next delivery try again (the folder may become writable)
      throw error;
    },
  );
  return g[key];
};

/** The writer if this process opened one; the drainer needs no writer to drain another process' segments. */
export const openedDeliverySpool = (): Promise<SpoolWriter> | undefined => (globalThis as WithSpool)[key];
