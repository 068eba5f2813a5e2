import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { AppError } from '../errors/app-error.ts';
import { createLogCollector } from './create-log-collector.ts';
import type { CollectedLog } from './create-log-collector.ts';

const CHUNK = 64 * 1024;
const encoder = new TextEncoder();

/** Whether bytes start with a zip local-file header ("PK\x03\x04") or an empty archive's end record. */
export const isZipArchive = (bytes: Uint8Array): boolean =>
  bytes.byteLength >= 4 &&
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

/**
 * Flattens a zip of per-step log files (GitHub's log archive: "1_Set up job.txt", "build/3_Run tests.txt")
 * into one text, each file under a "===== name =====" header, in archive order. Decompression streams into
 * a bounded collector, so a zip bomb costs CPU but never more than maxBytes of memory.
 */
export const readLogArchive = (options: {
  bytes: Uint8Array;
  maxBytes: number;
}): CollectedLog & { files: string[] } => {
  const collector = createLogCollector({ maxBytes: options.maxBytes });
  const files: string[] = [];
  let failure: unknown;
  const unzip = new Unzip((file) => {
    if (file.name.endsWith('/')) return;
    files.push(file.name);
    collector.push(encoder.encode(`${files.length > 1 ? '\n' : ''}===== ${file.name} =====\n`));
    file.ondata = (error, data) => {
      if (error) failure ??= error;
      else collector.push(data);
    };
    try {
      file.start();
    } catch (error) {
      // An entry compressed with a method we cannot decode (not stored, not deflate).
      collector.push(
        encoder.encode(`[suture: ${file.name}: unsupported compression method ${file.compression}]\n`),
      );
      failure ??= error;
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  try {
    for (let offset = 0; offset < options.bytes.byteLength; offset += CHUNK) {
      const end = Math.min(offset + CHUNK, options.bytes.byteLength);
      unzip.push(options.bytes.subarray(offset, end), end === options.bytes.byteLength);
    }
  } catch (error) {
    failure ??= error;
  }
  if (failure !== undefined && files.length === 0) {
    throw new AppError('BAD_INPUT', 'GitHub log archive is not a readable zip file', { cause: failure });
  }
  return { ...collector.finish(), files };
};
