// The spool's on-disk record: a fixed 44-byte head, then a JSON header and the raw body.
//   0  magic "SSP1"   4  header length (u32 BE)   8  body length (u32 BE)
//  12  sha256 over bytes 0..11, the header and the body (32 bytes)
//  44  header (UTF-8 JSON)   44+h  body
// The lengths say where a record ends, so a write cut short by a crash shows as a torn tail; the checksum
// catches a record whose bytes changed.
export const SPOOL_MAGIC = Buffer.from('SSP1', 'latin1');
export const SPOOL_HEAD_BYTES = 44;
export const SPOOL_MAX_HEADER_BYTES = 64 * 1024;
export const SPOOL_MAX_BODY_BYTES = 64 * 1024 * 1024;

export type SpoolRecord = { header: Record<string, string>; body: Uint8Array };
