// The audit chain on the real database: concurrent appenders stay chained, tampering is detected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEvent, createDatabase, verifyStoredAuditChain, type Database } from '../src/index.ts';
import { createMigratedDatabase, type TemporaryDatabase } from '../src/testing/temporary-database.ts';
import { testEnv } from './test-env.ts';

let temp: TemporaryDatabase;
let db: Database;

beforeAll(async () => {
  temp = await createMigratedDatabase(testEnv().DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 8 });
});

afterAll(async () => {
  await db?.$disconnect();
  await temp?.drop();
});

describe('appendAuditEvent', () => {
  it('keeps one unbroken chain under 40 concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        appendAuditEvent({
          db,
          event: {
            organizationId: null,
            actorType: 'system',
            actorId: null,
            action: 'test.append',
            subjectType: 'Test',
            subjectId: String(i),
            data: { i, nested: { b: 2, a: 1 } },
          },
        }),
      ),
    );
    const verdict = await verifyStoredAuditChain({ db, pageSize: 7 });
    expect(verdict).toMatchObject({ ok: true, checked: 40 });
    const hashes = await db.auditEvent.findMany({
      select: { prevHash: true, hash: true },
      orderBy: { seq: 'asc' },
    });
    expect(new Set(hashes.map((h) => h.prevHash)).size).toBe(40);
  });

  it('commits or rolls back with the surrounding transaction', async () => {
    const before = await db.auditEvent.count();
    await expect(
      db.$transaction(async (tx) => {
        await appendAuditEvent({
          db: tx,
          inTransaction: true,
          event: {
            organizationId: null,
            actorType: 'user',
            actorId: 'u',
            action: 'test.rollback',
            subjectType: 'Test',
            subjectId: null,
            data: {},
          },
        });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await db.auditEvent.count()).toBe(before);
  });

  it('detects a row forged past the append-only trigger', async () => {
    // A superuser can disable triggers; verification is the second line of defence.
    await db.$executeRawUnsafe('alter table "AuditEvent" disable trigger "AuditEvent_append_only"');
    try {
      const victim = await db.auditEvent.findFirstOrThrow({ orderBy: { seq: 'asc' }, skip: 5 });
      await db.auditEvent.update({ where: { seq: victim.seq }, data: { data: { i: 'forged' } } });
      const verdict = await verifyStoredAuditChain({ db });
      expect(verdict).toMatchObject({ ok: false, brokenAt: String(victim.seq), reason: 'hash_mismatch' });
    } finally {
      await db.$executeRawUnsafe('alter table "AuditEvent" enable trigger "AuditEvent_append_only"');
    }
  });
});
