import { readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSpoolFrames } from './decode-spool-frames.ts';
import {
  claimedName,
  corruptName,
  isProcessAlive,
  listSegments,
  syncDir,
  type SpoolSegment,
} from './spool-files.ts';
import type { SpoolRecord } from './spool-frame.ts';

export type DrainResult = {
  segments: number;
  records: number;
  tornSegments: number;
  corruptSegments: number;
};

const drainable = (
  segment: SpoolSegment,
  options: { activeSegment?: string; alive: (pid: number) => boolean },
) => {
  if (segment.kind === 'corrupt') return false;
  if (segment.kind === 'draining')
    return segment.drainerPid === process.pid || !options.alive(segment.drainerPid!);
  if (segment.name === options.activeSegment) return false;
  return segment.writerPid === process.pid || !options.alive(segment.writerPid);
};

const renameOrGone = async (from: string, to: string) => {
  try {
    await rename(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false; // another drainer took it
    throw error;
  }
};

/**
 * Hands every record of every finished segment to `store`, oldest first, then deletes the segment.
 * A segment is claimed by an atomic rename first, so two drainers never read the same one. `store` must
 * be idempotent (the web app dedupes on X-GitHub-Delivery): a crash after storing but before the unlink
 * replays the segment, and the replay must store nothing twice. If `store` throws, the pass stops and the
 * segment stays claimed for the next pass. A segment of a process that is still running is left to that
 * process (it may still be appending), unless it is this process' own sealed one.
 */
export const drainSpool = async (options: {
  dir: string;
  store: (record: SpoolRecord) => Promise<void>;
  activeSegment?: string;
  isAlive?: (pid: number) => boolean;
  onTornTail?: (segment: string, bytes: number) => void;
}): Promise<DrainResult> => {
  const alive = options.isAlive ?? isProcessAlive;
  const result: DrainResult = { segments: 0, records: 0, tornSegments: 0, corruptSegments: 0 };
  for (const segment of await listSegments(options.dir)) {
    if (!drainable(segment, { activeSegment: options.activeSegment, alive })) continue;
    const claimed = join(options.dir, claimedName(segment, process.pid));
    if (!(await renameOrGone(join(options.dir, segment.name), claimed))) continue;
    const data = await readFile(claimed);
    const decoded = decodeSpoolFrames(data);
    for (const record of decoded.records) {
      await options.store(record);
      result.records++;
    }
    if (decoded.tail === 'corrupt') {
      // Bytes that are not a record may still be someone's delivery: keep them for a human.
      await rename(claimed, join(options.dir, corruptName(segment)));
      result.corruptSegments++;
    } else {
      // A torn tail is an append that never finished, so nobody was told it was kept.
      if (decoded.tail === 'torn') {
        result.tornSegments++;
        options.onTornTail?.(segment.name, data.length - decoded.validBytes);
      }
      await unlink(claimed);
    }
    await syncDir(options.dir);
    result.segments++;
  }
  return result;
};
