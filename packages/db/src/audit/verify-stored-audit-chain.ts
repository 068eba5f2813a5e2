import { GENESIS_HASH } from '@suture/core/audit/compute-audit-hash';
import { verifyAuditChain, type AuditChainVerdict } from '@suture/core/audit/verify-audit-chain';
import type { Database } from '../client.ts';

/** Re-verifies the stored chain in pages, so a large log never sits in memory whole. */
export const verifyStoredAuditChain = async ({
  db,
  pageSize = 5_000,
}: {
  db: Database;
  pageSize?: number;
}): Promise<AuditChainVerdict> => {
  let after: bigint | undefined;
  let startHash = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({
      where: after === undefined ? {} : { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    if (page.length === 0) break;
    const verdict = verifyAuditChain({
      events: page.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
      startHash,
    });
    if (!verdict.ok) return { ...verdict, checked: checked + verdict.checked };
    checked += verdict.checked;
    startHash = verdict.lastHash;
    after = page[page.length - 1]!.seq;
  }
  return { ok: true, checked, lastHash: startHash };
};
