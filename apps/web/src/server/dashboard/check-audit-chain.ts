// The hash chain's verification status for the Audit page. The chain is global (one sequence for every
// organisation), so the whole chain is verified; results are cached briefly because a full walk reads
// every row.
import 'server-only';
import { verifyStoredAuditChain } from '@suture/db';
import { db } from '../db.ts';

const CACHE_MS = 15_000;
let cached: { at: number; value: Awaited<ReturnType<typeof verify>> } | undefined;

const verify = async () => {
  const started = Date.now();
  const verdict = await verifyStoredAuditChain({ db: db() });
  return { ...verdict, verifiedAt: new Date().toISOString(), durationMs: Date.now() - started };
};

export const checkAuditChain = async () => {
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const value = await verify();
  cached = { at: Date.now(), value };
  return value;
};
