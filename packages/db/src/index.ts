export { createDatabase, getDatabase, type CreateDatabaseOptions, type Database } from './client.ts';
export * from './generated/prisma/enums.ts';
export type * from './generated/prisma/models.ts';
export type * from './generated/prisma/client.ts';
export { Prisma } from './generated/prisma/client.ts';
export {
  appendAuditEvent,
  auditedTransaction,
  lockAuditChain,
  type AppendAuditEventOptions,
} from './audit/append-audit-event.ts';
export { verifyStoredAuditChain } from './audit/verify-stored-audit-chain.ts';
export { readArtifact, storeArtifact, type StoreArtifactOptions } from './artifacts/store-artifact.ts';
export {
  recordFailureRun,
  type FailureRecord,
  type RecordFailureRunOptions,
} from './runs/record-failure-run.ts';
