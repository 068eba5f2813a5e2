import type { Database } from '@suture/db';

export type PingDatabaseDeps = { db: Database };

/** Proves the worker reaches Postgres: one round trip, reporting the server version and latency. */
export const pingDatabase = async ({ db }: PingDatabaseDeps) => {
  const started = performance.now();
  const rows = await db.$queryRaw<{ version: string }[]>`select current_setting('server_version') as version`;
  return {
    ok: true as const,
    serverVersion: rows[0]?.version ?? 'unknown',
    latencyMs: Math.round(performance.now() - started),
  };
};
