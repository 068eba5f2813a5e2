import { createHash } from 'node:crypto';
import {
  SPOOL_HEAD_BYTES,
  SPOOL_MAGIC,
  SPOOL_MAX_BODY_BYTES,
  SPOOL_MAX_HEADER_BYTES,
  type SpoolRecord,
} from './spool-frame.ts';

export type DecodedSpool = {
  records: SpoolRecord[];
  /** Bytes up to the end of the last good record. */
  validBytes: number;
  /**
   * `torn`: the file ends inside a record (or in zeros a crash left): that append never finished, so its
   * delivery was never acknowledged. `corrupt`: a complete record fails its checksum or framing, so the
   * file must be kept for a human. `clean`: every byte belongs to a good record.
   */
  tail: 'clean' | 'torn' | 'corrupt';
};

const isAllZero = (bytes: Uint8Array) => bytes.every((byte) => byte === 0);

/** Reads every whole, checksummed record of a segment, stopping at the first that is not. */
export const decodeSpoolFrames = (data: Buffer): DecodedSpool => {
  const records: SpoolRecord[] = [];
  let offset = 0;
  const stop = (tail: DecodedSpool['tail']): DecodedSpool => ({ records, validBytes: offset, tail });
  while (offset < data.length) {
    const rest = data.subarray(offset);
    if (isAllZero(rest)) return stop('torn');
    const magicBytes = Math.min(rest.length, SPOOL_MAGIC.length);
    if (!rest.subarray(0, magicBytes).equals(SPOOL_MAGIC.subarray(0, magicBytes))) return stop('corrupt');
    if (rest.length < SPOOL_HEAD_BYTES) return stop('torn');
    const headerLength = rest.readUInt32BE(4);
    const bodyLength = rest.readUInt32BE(8);
    if (headerLength > SPOOL_MAX_HEADER_BYTES || bodyLength > SPOOL_MAX_BODY_BYTES) return stop('corrupt');
    const end = SPOOL_HEAD_BYTES + headerLength + bodyLength;
    if (rest.length < end) return stop('torn');
    const digest = createHash('sha256')
      .update(rest.subarray(0, 12))
      .update(rest.subarray(SPOOL_HEAD_BYTES, end))
      .digest();
    if (!digest.equals(rest.subarray(12, SPOOL_HEAD_BYTES))) return stop('corrupt');
    let header: Record<string, string>;
    try {
      header = JSON.parse(
        rest.subarray(SPOOL_HEAD_BYTES, SPOOL_HEAD_BYTES + headerLength).toString('utf8'),
      ) as Record<string, string>;
    } catch {
      return stop('corrupt');
    }
    records.push({ header, body: Buffer.from(rest.subarray(SPOOL_HEAD_BYTES + headerLength, end)) });
    offset += end;
  }
  return stop('clean');
};
