import 'server-only';
import { Client, Connection } from '@temporalio/client';
import { webEnv } from './env.ts';

const globalKey = Symbol.for('suture.temporal');
type GlobalWithTemporal = typeof globalThis & { [globalKey]?: Promise<Connection> };

/** One lazily opened connection per process; dropped after a failure so the next call reconnects. */
export const temporalConnection = (): Promise<Connection> => {
  const g = globalThis as GlobalWithTemporal;
  g[globalKey] ??= Connection.connect({ address: webEnv().TEMPORAL_ADDRESS, connectTimeout: 2_000 }).catch(
    (error: unknown) => {
      delete g[globalKey];
      throw error;
    },
  );
  return g[globalKey];
};

export const resetTemporalConnection = () => {
  delete (globalThis as GlobalWithTemporal)[globalKey];
};

export const temporalClient = async () =>
  new Client({ connection: await temporalConnection(), namespace: webEnv().TEMPORAL_NAMESPACE });
