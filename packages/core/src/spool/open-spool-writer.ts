import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { encodeSpoolFrame } from './encode-spool-frame.ts';
import { ensureSpoolDir, newSegmentName, spoolUsage, syncDir } from './spool-files.ts';
import type { SpoolRecord } from './spool-frame.ts';

export type SpoolWriter = {
  /** Resolves once the record is on disk (written and fsync'd); rejects with UNAVAILABLE when full. */
  append: (record: SpoolRecord) => Promise<void>;
  /** Closes the current segment so a drainer may take it; the next append starts a new one. */
  seal: () => Promise<void>;
  /** The segment appends currently go to, which no drainer may touch. */
  activeSegment: () => string | undefined;
  /** Re-reads the bytes on disk (after a drain freed some). */
  refreshUsage: () => Promise<void>;
  usedBytes: () => number;
};

type Pending = { frame: Buffer; done: () => void; failed: (error: unknown) => void };

/**
 * An append-only, bounded, fsync'd spool. Appends that arrive while a flush is running are written and
 * fsync'd together by the next flush (group commit), so a burst costs one fsync per batch, not per record,
 * and no caller is answered before its bytes are durable. One writer per process: segment names carry the
 * pid, so writers in different processes never share a file.
 */
export const openSpoolWriter = async (options: { dir: string; maxBytes: number }): Promise<SpoolWriter> => {
  const { dir, maxBytes } = options;
  await ensureSpoolDir(dir);
  let used = await spoolUsage(dir);
  let segment: { name: string; handle: FileHandle } | undefined;
  let queue: Pending[] = [];
  let flushing: Promise<void> | undefined;

  const closeSegment = async () => {
    const current = segment;
    segment = undefined;
    await current?.handle.close().catch(() => undefined);
  };

  const openSegment = async () => {
    if (segment) return segment;
    const name = newSegmentName();
    const handle = await open(join(dir, name), 'a', 0o600);
    await syncDir(dir); // the new file's directory entry must survive a crash too
    segment = { name, handle };
    return segment;
  };

  const flush = async () => {
    while (queue.length > 0) {
      const batch = queue;
      queue = [];
      try {
        const { handle } = await openSegment();
        await handle.write(Buffer.concat(batch.map((p) => p.frame)));
        await handle.sync();
        for (const pending of batch) pending.done();
      } catch (error) {
        // Part of the batch may be on disk: later frames must not follow it in the same file, or a torn
        // frame in the middle would hide them. Start a new segment; the old one ends torn.
        await closeSegment();
        used -= batch.reduce((sum, p) => sum + p.frame.length, 0);
        for (const pending of batch)
          pending.failed(new AppError('UNAVAILABLE', 'could not write the delivery spool', { cause: error }));
      }
    }
  };

  const kick = () => {
    if (flushing) return;
    flushing = flush().finally(() => {
      flushing = undefined;
      // An append can land between the loop's last check and this callback: it must not wait forever.
      if (queue.length > 0) kick();
    });
  };

  return {
    append: (record) => {
      const frame = encodeSpoolFrame(record);
      if (used + frame.length > maxBytes)
        return Promise.reject(
          new AppError('UNAVAILABLE', `the delivery spool is full (${used} of ${maxBytes} bytes)`),
        );
      used += frame.length;
      const written = new Promise<void>((done, failed) => queue.push({ frame, done, failed }));
      kick();
      return written;
    },
    seal: async () => {
      while (flushing) await flushing;
      await closeSegment();
    },
    activeSegment: () => segment?.name,
    refreshUsage: async () => {
      const onDisk = await spoolUsage(dir);
      const inFlight = queue.reduce((sum, p) => sum + p.frame.length, 0);
      used = onDisk + inFlight;
    },
    usedBytes: () => used,
  };
};
