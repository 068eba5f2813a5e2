import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEventContent = {
  organizationId: string | null;
  actorType: 'user' | 'system' | 'github' | 'worker';
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: unknown;
  createdAt: string;
};

/** JSON with object keys sorted at every depth, so the same event always hashes the same. */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

/** hash = sha256(prevHash + "\n" + canonical JSON of the event): each event commits to all before it. */
export const computeAuditHash = ({
  prevHash,
  event,
}: {
  prevHash: string;
  event: AuditEventContent;
}): string =>
  createHash('sha256')
    .update(`${prevHash}\n${canonicalJson(event)}`)
    .digest('hex');
