// Appends to the hash-chained audit log. A transaction-scoped advisory lock serialises appenders, so two
// concurrent writers can never both chain onto the same previous hash.
import {
  computeAuditHash,
  GENESIS_HASH,
  type AuditEventContent,
} from '@suture/core/audit/compute-audit-hash';
import type { Database } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

const AUDIT_LOCK_KEY = 0x5375_7475; // "Sutu": any constant shared by every appender

/** Transactions that append audit events queue on its lock, so waits grow with concurrency: allow for bursts. */
export const auditedTransaction = { maxWait: 15_000, timeout: 30_000 } as const;

export type AppendAuditEventOptions = {
  /** A client (the append gets its own transaction) or, to join one, the caller's transaction. */
  db: Database | Prisma.TransactionClient;
  /** Set when `db` is a transaction: the event then commits or rolls back with the change it records. */
  inTransaction?: boolean;
  event: Omit<AuditEventContent, 'createdAt' | 'data'> & { data: Prisma.InputJsonValue };
  now?: Date;
};

/**
 * Takes the appenders' lock for the rest of `tx`. A reader that takes it first waits for every writer
 * still holding it: the web app signals the workflow inside the transaction that records the decision,
 * so the worker's check must not read before that transaction commits.
 */
export const lockAuditChain = async (tx: Prisma.TransactionClient) => {
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
};

const append = async (tx: Prisma.TransactionClient, options: AppendAuditEventOptions) => {
  await lockAuditChain(tx);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
  const prevHash = last?.hash ?? GENESIS_HASH;
  const createdAt = options.now ?? new Date();
  // Round-trip through JSON so the hashed data is exactly what jsonb will give back.
  const data = JSON.parse(JSON.stringify(options.event.data)) as Prisma.InputJsonValue;
  const content: AuditEventContent = { ...options.event, data, createdAt: createdAt.toISOString() };
  const hash = computeAuditHash({ prevHash, event: content });
  return tx.auditEvent.create({ data: { ...options.event, data, createdAt, prevHash, hash } });
};

export const appendAuditEvent = async (options: AppendAuditEventOptions) => {
  const { db } = options;
  // A transaction client also exposes $transaction (Prisma's nested form), so the caller says which it is.
  if (options.inTransaction) return append(db, options);
  return (db as Database).$transaction((tx) => append(tx, options), auditedTransaction);
};
