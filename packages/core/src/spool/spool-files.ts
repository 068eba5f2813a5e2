// Segment names: <ms since epoch, 13 digits>-<writer pid>-<random>.spool, claimed for draining as
// ...-<random>.draining-<drainer pid>, kept for a human as ...corrupt. Names sort by creation time.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SEGMENT = /^(\d{13})-(\d+)-([0-9a-f]{8})\.(spool|draining-(\d+)|corrupt)$/;

export type SpoolSegment = {
  name: string;
  kind: 'spool' | 'draining' | 'corrupt';
  writerPid: number;
  drainerPid?: number;
};

export const newSegmentName = () =>
  `${String(Date.now()).padStart(13, '0')}-${process.pid}-${randomBytes(4).toString('hex')}.spool`;

export const claimedName = (segment: SpoolSegment, drainerPid: number) =>
  `${segment.name.replace(/\.(spool|draining-\d+)$/, '')}.draining-${drainerPid}`;

export const corruptName = (segment: SpoolSegment) =>
  `${segment.name.replace(/\.(spool|draining-\d+)$/, '')}.corrupt`;

/** Creates the spool folder owner-only (0700), whatever the umask; deliveries are signed customer data. */
export const ensureSpoolDir = async (dir: string) => {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
};

export const listSegments = async (dir: string): Promise<SpoolSegment[]> => {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .sort()
    .map((name) => ({ name, match: SEGMENT.exec(name) }))
    .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null)
    .map(({ name, match }) => ({
      name,
      kind: match[4] === 'spool' ? 'spool' : match[4] === 'corrupt' ? 'corrupt' : 'draining',
      writerPid: Number(match[2]),
      ...(match[5] ? { drainerPid: Number(match[5]) } : {}),
    }));
};

/** Bytes the spool holds on disk (every segment, corrupt ones included: they count against the bound). */
export const spoolUsage = async (dir: string): Promise<number> => {
  let total = 0;
  for (const segment of await listSegments(dir)) {
    try {
      total += (await stat(join(dir, segment.name))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return total;
};

/** Makes a rename, create or unlink in the folder durable: fsync on the directory itself. */
export const syncDir = async (dir: string) => {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

export const isProcessAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};
