import type { OutputChunk } from './sandbox-types.ts';

export type DemuxDockerStreamOptions = {
  buffer: Buffer;
  /** Run start; with `timestamps: true` logs each line carries an RFC 3339 time we turn into an offset. */
  startedAtMs: number;
};

const timestamp = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z) /;

/**
 * Splits Docker's multiplexed log stream (8-byte frame headers: stream id, 3 zero bytes, big-endian length) into
 * timestamped chunks. A truncated trailing frame is ignored.
 */
export const demuxDockerStream = (options: DemuxDockerStreamOptions): OutputChunk[] => {
  const { buffer } = options;
  const chunks: OutputChunk[] = [];
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const kind = buffer[offset];
    const size = buffer.readUInt32BE(offset + 4);
    const end = offset + 8 + size;
    if (end > buffer.length) break;
    const payload = buffer.subarray(offset + 8, end).toString('utf8');
    offset = end;
    if (kind !== 1 && kind !== 2) continue;
    const stream = kind === 1 ? 'stdout' : 'stderr';
    for (const line of payload.split(/(?<=\n)/)) {
      const match = timestamp.exec(line);
      const atMs = match?.[1] ? Math.max(0, Date.parse(match[1]) - options.startedAtMs) : 0;
      chunks.push({ atMs, stream, text: match ? line.slice(match[0].length) : line });
    }
  }
  return chunks;
};
