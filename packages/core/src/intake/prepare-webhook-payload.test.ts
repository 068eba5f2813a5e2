import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { prepareWebhookPayload } from './prepare-webhook-payload.ts';

const prepare = (text: string | Buffer) =>
  prepareWebhookPayload({ body: typeof text === 'string' ? Buffer.from(text) : text });

describe('prepareWebhookPayload', () => {
  it('parses a normal payload and hashes the exact bytes', () => {
    const body = '{"action":"completed","n":1}';
    expect(prepare(body)).toEqual({
      bodySha256: createHash('sha256').update(body).digest('hex'),
      payload: { action: 'completed', n: 1 },
      action: 'completed',
      payloadNote: null,
      deadLetterReason: null,
    });
  });

  it('replaces NUL and lone surrogates (values and keys) in the processing copy, with a note', () => {
    const prepared = prepare('{"action":"x\\u0000y","\\ud800k":["\\udc00", "\\ud83d\\ude00"]}');
    expect(prepared.payload).toEqual({ action: 'x\uFFFDy', '\uFFFDk': ['\uFFFD', '😀'] });
    expect(prepared.action).toBe('x\uFFFDy');
    expect(prepared.payloadNote).toMatch(/3 string\(s\) held NUL or unpaired surrogates/);
    expect(prepared.deadLetterReason).toBeNull();
  });

  it('notes a body that is not valid UTF-8', () => {
    const body = Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]);
    expect(prepare(body)).toMatchObject({ payload: { a: '\uFFFD' }, payloadNote: /not valid UTF-8/ });
  });

  it('dead-letters deep nesting before parsing, malformed JSON and non-objects', () => {
    expect(prepare('['.repeat(100_000))).toMatchObject({
      payload: null,
      deadLetterReason: 'payload nests deeper than 64 levels (at byte 64)',
    });
    expect(prepare('{"a": ').deadLetterReason).toMatch(/^malformed JSON/);
    expect(prepare('[1]').deadLetterReason).toBe('payload is not a JSON object');
    expect(prepare('').deadLetterReason).toMatch(/^malformed JSON/);
    // The reason quotes the bad input; it must be storable as Postgres text (no NUL).
    expect(prepare(Buffer.from([0x7b, 0x00, 0x7d])).deadLetterReason).not.toContain('\u0000');
  });
});
