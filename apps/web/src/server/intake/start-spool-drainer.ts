// Runs the spool drainer for the life of the web process (started by instrumentation.ts). While the
// database is down, passes fail and back off exponentially (cockatiel) up to 5 s between tries, so
// recovery is noticed within seconds while a long outage costs one failed query per 5 s.
import 'server-only';
import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
import { webEnv } from '../env.ts';
import { drainDeliverySpool } from './drain-delivery-spool.ts';

const key = Symbol.for('suture.spoolDrainer');
type WithDrainer = typeof globalThis & { [key]?: true };

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());

export const startSpoolDrainer = () => {
  const g = globalThis as WithDrainer;
  if (g[key]) return;
  g[key] = true;
  const interval = webEnv().SUTURE_SPOOL_DRAIN_INTERVAL_MS;
  const policy = retry(handleAll, {
    backoff: new ExponentialBackoff({ initialDelay: interval, maxDelay: 5_000 }),
  });
  let failures = 0;
  policy.onRetry(() => {
    failures++;
    if (failures === 1 || failures % 20 === 0)
      console.warn(`spool drainer: database unavailable, retrying (${failures} failed passes)`);
  });
  policy.onSuccess(() => (failures = 0));
  const loop = async () => {
    for (;;) {
      await policy.execute(drainDeliverySpool).catch((error: unknown) => {
        console.error('spool drainer: pass failed', error instanceof Error ? error.message : error);
      });
      await sleep(interval);
    }
  };
  void loop();
};
