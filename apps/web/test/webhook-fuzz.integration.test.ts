// 10,000 mutated deliveries, signed and unsigned, against the real route, Postgres and Temporal: random
// bytes, NUL, unpaired surrogates, invalid UTF-8, deep nesting, huge strings, bad signatures, truncated
// bodies. No answer may be a 5xx, and every delivery with a valid signature (within the size limit) must
// end stored with its exact bytes: processed, ignored, failed or dead-lettered, never lost.
import { randomBytes, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { postDelivery, signBytes } from './post-signed-delivery.ts';
import { startWebServer, type WebServer } from './start-web-server.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
const secret = randomBytes(24).toString('hex');
const MAX_BYTES = 64 * 1024;
const CASES = 10_000;
const SEED = 20261202;
type Example = { name: string; examples: Record<string, unknown>[] };
const examples = (createRequire(import.meta.url)('@octokit/webhooks-examples') as Example[]).filter((e) =>
  ['ping', 'star', 'workflow_run', 'check_run', 'issues', 'installation', 'push'].includes(e.name),
);
const bases = examples.flatMap((e) => e.examples.slice(0, 3).map((payload) => ({ event: e.name, payload })));

let temp: TemporaryDatabase;
let db: Database;
let server: WebServer;
let home: string;

type Case = {
  event: string;
  body: Buffer;
  signing: 'valid' | 'stale' | 'none' | 'wrong' | 'flipped';
  kind: string;
};

const bytes = (text: string) => Buffer.from(text, 'utf8');
const spliceInto = (body: Buffer, at: number, insert: Buffer) =>
  Buffer.concat([body.subarray(0, at % (body.length + 1)), insert, body.subarray(at % (body.length + 1))]);
// Puts text into the first string value, so the JSON stays valid and only its content is hostile.
const intoString = (json: string, insert: string) => json.replace(/":"/, `":"${insert}`);

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('random-bytes' as const), bytes: fc.uint8Array({ maxLength: 2048 }) }),
  fc.record({ kind: fc.constant('nul-escape' as const), n: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('raw-nul' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('lone-surrogate' as const),
    which: fc.constantFrom('\\ud800', '\\udfff', '\\ud83d x', '\\udc00\\ud800'),
  }),
  fc.record({
    kind: fc.constant('invalid-utf8' as const),
    at: fc.nat(),
    bytes: fc.constantFrom([0x80], [0xff], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xc0, 0xaf]),
  }),
  fc.record({
    kind: fc.constant('deep' as const),
    depth: fc.oneof(fc.integer({ min: 60, max: 70 }), fc.integer({ min: 1000, max: 60_000 })),
    bracket: fc.constantFrom('[', '{"a":'),
    closed: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('huge-string' as const), size: fc.integer({ min: 1000, max: 100_000 }) }),
  fc.record({ kind: fc.constant('truncated' as const), cut: fc.nat() }),
  fc.record({
    kind: fc.constant('byte-flip' as const),
    at: fc.nat(),
    mask: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('unchanged' as const) }),
);

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    base: fc.constantFrom(...bases),
    mutation,
    signing: fc.constantFrom('valid', 'valid', 'valid', 'stale', 'none', 'wrong', 'flipped'),
  })
  .map(({ base, mutation: m, signing }) => {
    const json = JSON.stringify(base.payload);
    const original = bytes(json);
    let body: Buffer;
    switch (m.kind) {
      case 'random-bytes':
        body = Buffer.from(m.bytes);
        break;
      case 'nul-escape':
        body = bytes(intoString(json, '\\u0000'.repeat(m.n)));
        break;
      case 'raw-nul':
        body = spliceInto(original, m.at, Buffer.from([0]));
        break;
      case 'lone-surrogate':
        body = bytes(intoString(json, m.which));
        break;
      case 'invalid-utf8':
        body = spliceInto(bytes(intoString(json, '@')), json.indexOf('":"') + 3, Buffer.from(m.bytes));
        break;
      case 'deep':
        body = bytes(
          m.bracket.repeat(m.depth) + (m.closed ? '1' + (m.bracket === '[' ? ']' : '}').repeat(m.depth) : ''),
        );
        break;
      case 'huge-string':
        body = bytes(intoString(json, 'x'.repeat(m.size)));
        break;
      case 'truncated':
        body = original.subarray(0, m.cut % original.length);
        break;
      case 'byte-flip': {
        body = Buffer.from(original);
        const at = m.at % body.length;
        body[at] = body[at]! ^ m.mask;
        break;
      }
      default:
        body = original;
    }
    return { event: base.event, body, signing, kind: m.kind, original };
  })
  .map(({ original, ...c }) => ({ ...c, stale: original }) as Case & { stale: Buffer });

const signatureFor = (c: Case & { stale?: Buffer }) => {
  switch (c.signing) {
    case 'valid':
      return signBytes(secret, c.body);
    case 'stale':
      return signBytes(secret, c.stale!); // signed before the mutation (tampering, truncation)
    case 'wrong':
      return signBytes('not-the-webhook-secret', c.body);
    case 'flipped': {
      const s = signBytes(secret, c.body);
      return s.slice(0, -1) + (s.endsWith('0') ? '1' : '0');
    }
    case 'none':
      return undefined;
  }
};

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'suture-fuzz-'));
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 3 });
  server = await startWebServer({
    DATABASE_URL: temp.url,
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    SUTURE_TASK_QUEUE: `fuzz-${randomUUID()}`, // nothing polls it: a payload that heals just waits
    GITHUB_WEBHOOK_SECRET: secret,
    WEBHOOK_MAX_BYTES: String(MAX_BYTES),
    SUTURE_SPOOL_DIR: join(home, 'spool'),
  });
});

afterAll(async () => {
  await server?.stop();
  const runs = (await db?.healingRun.findMany({ select: { workflowId: true } })) ?? [];
  if (runs.length > 0) {
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    const client = new Client({ connection });
    await Promise.allSettled(
      runs.map((r) => client.workflow.getHandle(r.workflowId).terminate('fuzz cleanup')),
    );
    await connection.close();
  }
  await db?.$disconnect();
  await temp?.drop();
  rmSync(home, { recursive: true, force: true });
});

describe('webhook intake under fuzzing', () => {
  it(`answers ${CASES} mutated deliveries without a 5xx and keeps every signed one`, async () => {
    const cases = fc.sample(caseArb, { numRuns: CASES, seed: SEED });
    const started = performance.now();
    const outcomes: { c: Case; status: number; deliveryId: string; text: string; signed: boolean }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          const signature = signatureFor(c);
          const response = await postDelivery({
            baseUrl: server.baseUrl,
            event: c.event,
            body: c.body,
            signature,
          });
          // A stale signature over an unchanged body is a valid one: judge by the bytes, not the label.
          outcomes.push({ c, ...response, signed: signature === signBytes(secret, c.body) });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const byStatus = new Map<number, number>();
    for (const o of outcomes) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
    const signed = outcomes.filter((o) => o.signed && o.c.body.length <= MAX_BYTES);
    const rows = await db.webhookDelivery.findMany({
      select: { deliveryId: true, rawBody: true, status: true },
    });
    const stored = new Map(rows.map((r) => [r.deliveryId, r]));
    const rowStatus = new Map<string, number>();
    for (const r of rows) rowStatus.set(r.status, (rowStatus.get(r.status) ?? 0) + 1);
    console.log(
      `fuzz: ${outcomes.length} cases (seed ${SEED}) in ${seconds.toFixed(1)} s; HTTP ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}; ` +
        `${signed.length} validly signed, stored as ${JSON.stringify(Object.fromEntries(rowStatus))}`,
    );

    const byKind: Record<string, Record<number, number>> = {};
    for (const o of outcomes) {
      const kind = (byKind[`${o.c.kind}/${o.signed ? 'signed' : 'unsigned'}`] ??= {});
      kind[o.status] = (kind[o.status] ?? 0) + 1;
    }
    console.log(`fuzz by mutation: ${JSON.stringify(byKind)}`);
    const serverErrors = outcomes.filter((o) => o.status >= 500);
    expect(
      serverErrors.slice(0, 5).map((o) => `${o.c.kind}/${o.c.signing} ${o.status} ${o.text.slice(0, 200)}`),
    ).toEqual([]);
    const lost = signed.filter((o) => {
      const row = stored.get(o.deliveryId);
      return !row || !Buffer.from(row.rawBody!).equals(o.c.body);
    });
    expect(lost.slice(0, 5).map((o) => `${o.c.kind} ${o.status} ${o.text.slice(0, 200)}`)).toEqual([]);
    // Nothing unsigned (or signed with anything but the secret over these bytes) is stored.
    expect(rows.length).toBe(signed.length);
    const unsignedAccepted = outcomes.filter((o) => !o.signed && o.status < 400);
    expect(unsignedAccepted.map((o) => `${o.c.kind}/${o.c.signing} ${o.status}`)).toEqual([]);
  });
});
