import { computeAuditHash, GENESIS_HASH, type AuditEventContent } from './compute-audit-hash.ts';

export type ChainedAuditEvent = AuditEventContent & {
  seq: bigint | number | string;
  prevHash: string;
  hash: string;
};

export type AuditChainVerdict =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAt: string; reason: 'prev_hash_mismatch' | 'hash_mismatch' };

/**
 * Walks events in `seq` order and recomputes every hash. `startHash` lets a verifier resume from a
 * checkpoint instead of the genesis.
 */
export const verifyAuditChain = ({
  events,
  startHash = GENESIS_HASH,
}: {
  events: ChainedAuditEvent[];
  startHash?: string;
}): AuditChainVerdict => {
  let previous = startHash;
  let checked = 0;
  for (const event of events) {
    if (event.prevHash !== previous)
      return { ok: false, checked, brokenAt: String(event.seq), reason: 'prev_hash_mismatch' };
    const { seq: _seq, prevHash, hash, ...content } = event;
    if (computeAuditHash({ prevHash, event: content }) !== hash)
      return { ok: false, checked, brokenAt: String(event.seq), reason: 'hash_mismatch' };
    previous = hash;
    checked += 1;
  }
  return { ok: true, checked, lastHash: previous };
};
