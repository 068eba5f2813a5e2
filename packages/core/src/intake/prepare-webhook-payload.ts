import { createHash } from 'node:crypto';
import { scanJsonDepth } from './scan-json-depth.ts';

/**
 * GitHub's payloads nest about 8 levels deep (workflow_run.head_commit.author ...). 64 leaves an 8x margin
 * for new fields, while keeping every recursive walk that follows (the sanitiser below, zod, Prisma's JSON
 * serialiser, Postgres' jsonb input) far from any stack limit.
 */
export const WEBHOOK_MAX_DEPTH = 64;

// NUL and unpaired UTF-16 surrogates: JSON allows both (as \u escapes), Postgres' jsonb rejects both.
// eslint-disable-next-line no-control-regex -- NUL is exactly what jsonb refuses
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

export type PreparedWebhookPayload = {
  /** sha256 of the exact body bytes, hex. */
  bodySha256: string;
  /** The parsed payload jsonb can hold; null when the body cannot be processed at all. */
  payload: unknown;
  /** The payload's `action`, when it has one. */
  action: string | null;
  /** Set when the payload was changed to fit jsonb: processing uses that copy, the raw body is exact. */
  payloadNote: string | null;
  /** Why this signed body can never be processed (it is kept as a dead letter); null when it can. */
  deadLetterReason: string | null;
};

const clean = (text: string) => text.replace(UNSTORABLE_ALL, '\uFFFD');

/** Replaces what jsonb cannot store; depth is bounded by the scan, so the recursion is too. */
const sanitize = (value: unknown, changed: { count: number }): unknown => {
  if (typeof value === 'string') {
    if (!UNSTORABLE.test(value)) return value;
    changed.count++;
    return clean(value);
  }
  if (Array.isArray(value)) return value.map((item) => sanitize(item, changed));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const safeKey = UNSTORABLE.test(key) ? (changed.count++, clean(key)) : key;
      out[safeKey] = sanitize(item, changed);
    }
    return out;
  }
  return value;
};

/**
 * Turns a verified body into what the database stores: the depth is checked on the bytes before JSON.parse
 * (a 100k-deep body never reaches the parser), and text jsonb cannot hold is replaced by U+FFFD in the
 * processing copy. Nothing here throws: an unprocessable body becomes a dead-letter reason.
 */
export const prepareWebhookPayload = (options: {
  body: Uint8Array;
  maxDepth?: number;
}): PreparedWebhookPayload => {
  const maxDepth = options.maxDepth ?? WEBHOOK_MAX_DEPTH;
  const bodySha256 = createHash('sha256').update(options.body).digest('hex');
  const none = { bodySha256, payload: null, action: null, payloadNote: null };
  const depth = scanJsonDepth({ bytes: options.body, limit: maxDepth });
  if (!depth.ok)
    return {
      ...none,
      deadLetterReason: `payload nests deeper than ${maxDepth} levels (at byte ${depth.offset})`,
    };
  const text = Buffer.from(options.body.buffer, options.body.byteOffset, options.body.byteLength).toString(
    'utf8',
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8 quotes the offending input in its message, which may itself be NUL: keep the reason storable.
    return { ...none, deadLetterReason: clean(`malformed JSON: ${(error as Error).message.slice(0, 200)}`) };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    return { ...none, deadLetterReason: 'payload is not a JSON object' };
  const changed = { count: 0 };
  const payload = sanitize(parsed, changed) as Record<string, unknown>;
  const action = typeof payload.action === 'string' ? payload.action.slice(0, 64) : null;
  const utf8Replaced =
    text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(Buffer.from(options.body));
  const notes = [
    changed.count > 0
      ? `${changed.count} string(s) held NUL or unpaired surrogates, which jsonb cannot store: replaced by U+FFFD`
      : null,
    utf8Replaced ? 'the body was not valid UTF-8: invalid bytes read as U+FFFD' : null,
  ].filter((note): note is string => note !== null);
  return {
    bodySha256,
    payload,
    action,
    payloadNote: notes.length > 0 ? `${notes.join('; ')}; rawBody holds the exact bytes` : null,
    deadLetterReason: null,
  };
};
