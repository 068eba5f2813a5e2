const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

export type JsonDepthScan = { ok: true; maxDepth: number } | { ok: false; depth: number; offset: number };

/**
 * Finds how deeply a JSON text nests arrays and objects, in one pass over the bytes and constant memory,
 * so a hostile 100,000-deep document is refused before JSON.parse, Postgres' jsonb or any recursive walk
 * sees it. Brackets inside strings (escapes included) do not count. It does not validate the JSON: a
 * malformed text that stays shallow passes here and fails in JSON.parse.
 */
export const scanJsonDepth = (options: { bytes: Uint8Array; limit: number }): JsonDepthScan => {
  const { bytes, limit } = options;
  let depth = 0;
  let maxDepth = 0;
  let inString = false;
  for (let offset = 0; offset < bytes.length; offset++) {
    const byte = bytes[offset]!;
    if (inString) {
      if (byte === BACKSLASH)
        offset++; // the escaped byte can never end the string
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth++;
      if (depth > limit) return { ok: false, depth, offset };
      if (depth > maxDepth) maxDepth = depth;
    } else if ((byte === CLOSE_BRACE || byte === CLOSE_BRACKET) && depth > 0) {
      depth--;
    }
  }
  return { ok: true, maxDepth };
};
