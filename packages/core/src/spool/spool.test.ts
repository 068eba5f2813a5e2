import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drainSpool } from './drain-spool.ts';
import { encodeSpoolFrame } from './encode-spool-frame.ts';
import { openSpoolWriter } from './open-spool-writer.ts';
import type { SpoolRecord } from './spool-frame.ts';

let root: string;
let dir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'suture-spool-'));
  dir = join(root, 'spool');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const record = (id: string): SpoolRecord => ({
  header: { deliveryId: id },
  body: Buffer.from(`{"id":"${id}"}`),
});

describe('the delivery spool', () => {
  it('appends durably into an owner-only folder and drains everything exactly once', async () => {
    const writer = await openSpoolWriter({ dir, maxBytes: 1024 * 1024 });
    await Promise.all(Array.from({ length: 50 }, (_, i) => writer.append(record(`d${i}`))));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const [file] = readdirSync(dir);
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600);
    // The active segment is never drained.
    const stored: string[] = [];
    const store = (r: SpoolRecord) => Promise.resolve(void stored.push(r.header.deliveryId!));
    expect(await drainSpool({ dir, store, activeSegment: writer.activeSegment() })).toMatchObject({
      records: 0,
    });
    await writer.seal();
    expect(await drainSpool({ dir, store })).toMatchObject({ segments: 1, records: 50 });
    expect(stored).toEqual(Array.from({ length: 50 }, (_, i) => `d${i}`));
    expect(readdirSync(dir)).toEqual([]);
    await writer.refreshUsage();
    expect(writer.usedBytes()).toBe(0);
  });

  it('refuses appends past the bound instead of dropping them', async () => {
    const frame = encodeSpoolFrame(record('d0')).length;
    const writer = await openSpoolWriter({ dir, maxBytes: frame * 3 });
    for (const id of ['d0', 'd1', 'd2']) await writer.append(record(id));
    await expect(writer.append(record('d3'))).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('keeps a segment whose store failed, and replays it (the store dedupes) on the next pass', async () => {
    const writer = await openSpoolWriter({ dir, maxBytes: 1024 * 1024 });
    for (const id of ['a', 'b', 'c']) await writer.append(record(id));
    await writer.seal();
    const db = new Set<string>();
    let calls = 0;
    const flaky = (r: SpoolRecord) => {
      calls++;
      if (calls === 2) return Promise.reject(new Error('database went away'));
      db.add(r.header.deliveryId!);
      return Promise.resolve();
    };
    await expect(drainSpool({ dir, store: flaky })).rejects.toThrow('database went away');
    expect(readdirSync(dir)).toHaveLength(1);
    expect(await drainSpool({ dir, store: flaky })).toMatchObject({ records: 3 });
    expect([...db].sort()).toEqual(['a', 'b', 'c']);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('drains the records before a torn tail, and keeps a corrupt segment for a human', async () => {
    const torn = join(dir, `${String(Date.now()).padStart(13, '0')}-999999999-0000000a.spool`);
    const writer = await openSpoolWriter({ dir, maxBytes: 1024 * 1024 });
    writeFileSync(torn, encodeSpoolFrame(record('whole')));
    appendFileSync(torn, encodeSpoolFrame(record('cut')).subarray(0, 30));
    const corrupt = join(dir, `${String(Date.now()).padStart(13, '0')}-999999998-0000000b.spool`);
    const bad = encodeSpoolFrame(record('flipped'));
    bad[bad.length - 1] = bad[bad.length - 1]! ^ 1;
    writeFileSync(corrupt, bad);
    const stored: string[] = [];
    const tails: number[] = [];
    const result = await drainSpool({
      dir,
      store: (r) => Promise.resolve(void stored.push(r.header.deliveryId!)),
      isAlive: () => false,
      onTornTail: (_segment, bytes) => tails.push(bytes),
    });
    expect(result).toMatchObject({ records: 1, tornSegments: 1, corruptSegments: 1 });
    expect(stored).toEqual(['whole']);
    expect(tails).toEqual([30]);
    expect(readdirSync(dir)).toEqual([expect.stringMatching(/-999999998-0000000b\.corrupt$/)]);
    await writer.seal();
  });

  it('leaves the segments of another live process alone', async () => {
    const other = join(dir, `${String(Date.now()).padStart(13, '0')}-1-0000000c.spool`);
    await openSpoolWriter({ dir, maxBytes: 1024 });
    writeFileSync(other, encodeSpoolFrame(record('theirs')));
    const result = await drainSpool({ dir, store: () => Promise.resolve(), isAlive: (pid) => pid === 1 });
    expect(result.records).toBe(0);
    expect(readdirSync(dir)).toHaveLength(1);
  });
});
