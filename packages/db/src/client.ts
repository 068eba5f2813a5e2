// The one place that builds a Prisma client. Callers pass the URL (each app validates its own env); the
// client talks to Postgres through node-postgres via the driver adapter (no native query engine).
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client.ts';

export type Database = InstanceType<typeof PrismaClient>;

export type CreateDatabaseOptions = {
  databaseUrl: string;
  /** Pool size for this process; Postgres' own limit is shared by web, worker and tests. */
  maxConnections?: number;
  /** How long acquiring a connection may take before the query fails. */
  connectionTimeoutMs?: number;
  /** Server-side limit for any single statement. */
  statementTimeoutMs?: number;
};

export const createDatabase = (options: CreateDatabaseOptions): Database => {
  const adapter = new PrismaPg({
    connectionString: options.databaseUrl,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
  });
  return new PrismaClient({ adapter });
};

const globalKey = Symbol.for('suture.db');
type GlobalWithDb = typeof globalThis & { [globalKey]?: { url: string; db: Database } };

/**
 * A process-wide client per URL. Kept on globalThis so Next.js dev reloads do not open a new pool on
 * every edit.
 */
export const getDatabase = (options: CreateDatabaseOptions): Database => {
  const g = globalThis as GlobalWithDb;
  const current = g[globalKey];
  if (current && current.url === options.databaseUrl) return current.db;
  const db = createDatabase(options);
  g[globalKey] = { url: options.databaseUrl, db };
  return db;
};
