import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error.ts';
import {
  SPOOL_HEAD_BYTES,
  SPOOL_MAGIC,
  SPOOL_MAX_BODY_BYTES,
  SPOOL_MAX_HEADER_BYTES,
  type SpoolRecord,
} from './spool-frame.ts';

/** One record as the bytes appended to a spool segment (see spool-frame.ts for the layout). */
export const encodeSpoolFrame = (record: SpoolRecord): Buffer => {
  const header = Buffer.from(JSON.stringify(record.header), 'utf8');
  if (header.length > SPOOL_MAX_HEADER_BYTES || record.body.byteLength > SPOOL_MAX_BODY_BYTES)
    throw new AppError('TOO_LARGE', 'spool record is larger than a frame can hold');
  const frame = Buffer.alloc(SPOOL_HEAD_BYTES + header.length + record.body.byteLength);
  SPOOL_MAGIC.copy(frame, 0);
  frame.writeUInt32BE(header.length, 4);
  frame.writeUInt32BE(record.body.byteLength, 8);
  header.copy(frame, SPOOL_HEAD_BYTES);
  frame.set(record.body, SPOOL_HEAD_BYTES + header.length);
  createHash('sha256')
    .update(frame.subarray(0, 12))
    .update(frame.subarray(SPOOL_HEAD_BYTES))
    .digest()
    .copy(frame, 12);
  return frame;
};
