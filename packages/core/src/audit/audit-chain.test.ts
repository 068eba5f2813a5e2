import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  computeAuditHash,
  GENESIS_HASH,
  type AuditEventContent,
} from './compute-audit-hash.ts';
import { verifyAuditChain, type ChainedAuditEvent } from './verify-audit-chain.ts';

const event = (action: string, data: unknown = {}): AuditEventContent => ({
  organizationId: 'org-1',
  actorType: 'user',
  actorId: 'user-1',
  action,
  subjectType: 'HealingRun',
  subjectId: 'run-1',
  data,
  createdAt: '2026-11-26T10:00:00.000Z',
});

const chain = (actions: string[]): ChainedAuditEvent[] => {
  let prevHash = GENESIS_HASH;
  return actions.map((action, index) => {
    const content = event(action, { index });
    const hash = computeAuditHash({ prevHash, event: content });
    const chained = { ...content, seq: BigInt(index + 1), prevHash, hash };
    prevHash = hash;
    return chained;
  });
};

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('audit hash chain', () => {
  it('is stable for equal content whatever the key order', () => {
    const a = computeAuditHash({ prevHash: GENESIS_HASH, event: event('x', { p: 1, q: 2 }) });
    const b = computeAuditHash({ prevHash: GENESIS_HASH, event: { ...event('x', { q: 2, p: 1 }) } });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies an intact chain', () => {
    const events = chain(['run.started', 'diagnosis.recorded', 'approval.approve']);
    expect(verifyAuditChain({ events })).toEqual({ ok: true, checked: 3, lastHash: events[2]!.hash });
  });

  it('detects edited data, a removed event and a reordered chain', () => {
    const edited = chain(['a', 'b', 'c']);
    edited[1] = { ...edited[1]!, data: { index: 99 } };
    expect(verifyAuditChain({ events: edited })).toMatchObject({
      ok: false,
      brokenAt: '2',
      reason: 'hash_mismatch',
    });

    const removed = chain(['a', 'b', 'c']);
    removed.splice(1, 1);
    expect(verifyAuditChain({ events: removed })).toMatchObject({
      ok: false,
      brokenAt: '3',
      reason: 'prev_hash_mismatch',
    });

    const reordered = chain(['a', 'b']).reverse();
    expect(verifyAuditChain({ events: reordered })).toMatchObject({
      ok: false,
      checked: 0,
      reason: 'prev_hash_mismatch',
    });
  });
});
