import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSpoolFrames } from './decode-spool-frames.ts';
import { encodeSpoolFrame } from './encode-spool-frame.ts';

const record = (id: string, body: Uint8Array = Buffer.from(`{"id":"${id}"}`)) => ({
  header: { deliveryId: id, event: 'ping' },
  body,
});

describe('spool frames', () => {
  it('round-trips records, binary bodies included', () => {
    const records = [
      record('a'),
      record('b', Buffer.from([0, 0xff, 0xfe, 0x80])),
      record('c', Buffer.alloc(0)),
    ];
    const file = Buffer.concat(records.map(encodeSpoolFrame));
    expect(decodeSpoolFrames(file)).toEqual({ records, validBytes: file.length, tail: 'clean' });
  });

  it('detects a torn tail at every cut point and keeps the records before it', () => {
    const first = encodeSpoolFrame(record('first'));
    const second = encodeSpoolFrame(record('second'));
    for (let cut = 1; cut < second.length; cut++) {
      const decoded = decodeSpoolFrames(Buffer.concat([first, second.subarray(0, cut)]));
      expect(decoded).toMatchObject({ validBytes: first.length, tail: 'torn' });
      expect(decoded.records.map((r) => r.header.deliveryId)).toEqual(['first']);
    }
    // A crash can also leave the file extended with zeros instead of the frame's bytes.
    expect(decodeSpoolFrames(Buffer.concat([first, Buffer.alloc(100)]))).toMatchObject({ tail: 'torn' });
  });

  it('calls a complete record with a flipped byte corrupt, wherever the flip is', () => {
    const frame = encodeSpoolFrame(record('x'));
    for (let at = 0; at < frame.length; at++) {
      const bad = Buffer.from(frame);
      bad[at] = bad[at]! ^ 0x01;
      const decoded = decodeSpoolFrames(bad);
      expect(decoded.records).toEqual([]);
      // A flip in the length fields can make the record look longer than the file: then it reads as torn.
      expect(['corrupt', 'torn']).toContain(decoded.tail);
    }
  });

  it('never throws and never invents a record on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(decodeSpoolFrames(Buffer.from(bytes)).records).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });
});
