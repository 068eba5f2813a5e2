export type CollectedLog = { text: string; truncated: boolean; totalBytes: number; omittedBytes: number };

export type LogCollector = {
  push: (chunk: Uint8Array) => void;
  finish: () => CollectedLog;
};

// CI logs fail at the end: keep a quarter of the budget for the start (setup, versions) and the rest for the tail.
const HEAD_SHARE = 0.25;

export const truncationMarker = (omittedBytes: number, totalBytes: number): string =>
  `\n[suture: log truncated: ${omittedBytes} of ${totalBytes} bytes omitted here]\n`;

/**
 * Accepts any amount of log bytes in memory bounded by maxBytes: the first part is kept whole, the rest
 * is a sliding tail window. Multi-byte characters cut at either boundary decode as U+FFFD.
 */
export const createLogCollector = (options: { maxBytes: number }): LogCollector => {
  const headLimit = Math.floor(options.maxBytes * HEAD_SHARE);
  const tailLimit = options.maxBytes - headLimit;
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let tail: Uint8Array[] = [];
  let tailBytes = 0;
  let totalBytes = 0;

  const push = (chunk: Uint8Array): void => {
    totalBytes += chunk.byteLength;
    let rest = chunk;
    if (headBytes < headLimit) {
      const take = Math.min(headLimit - headBytes, rest.byteLength);
      head.push(rest.subarray(0, take));
      headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.byteLength === 0) return;
    tail.push(rest.slice());
    tailBytes += rest.byteLength;
    // Drop whole chunks off the front while the window stays full without them; trim the last one in finish.
    while (tail.length > 1 && tailBytes - (tail[0]?.byteLength ?? 0) >= tailLimit) {
      tailBytes -= tail[0]?.byteLength ?? 0;
      tail = tail.slice(1);
    }
  };

  const finish = (): CollectedLog => {
    const decoder = new TextDecoder('utf-8');
    const tailJoined = Buffer.concat(tail);
    const tailKept =
      tailJoined.byteLength > tailLimit ? tailJoined.subarray(tailJoined.byteLength - tailLimit) : tailJoined;
    const omittedBytes = totalBytes - headBytes - tailKept.byteLength;
    const headText = decoder.decode(Buffer.concat(head));
    const tailText = new TextDecoder('utf-8').decode(tailKept);
    if (omittedBytes <= 0)
      return { text: headText + tailText, truncated: false, totalBytes, omittedBytes: 0 };
    return {
      text: headText + truncationMarker(omittedBytes, totalBytes) + tailText,
      truncated: true,
      totalBytes,
      omittedBytes,
    };
  };

  return { push, finish };
};
