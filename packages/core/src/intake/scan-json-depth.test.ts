import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJsonDepth } from './scan-json-depth.ts';

const scan = (text: string, limit = 64) => scanJsonDepth({ bytes: Buffer.from(text), limit });

// The reference: depth of the parsed value (only for shallow values, where recursion is safe).
const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object'
    ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf))
    : 0;

describe('scanJsonDepth', () => {
  it('counts objects and arrays, and nothing inside strings', () => {
    expect(scan('1')).toEqual({ ok: true, maxDepth: 0 });
    expect(scan('{"a":[{"b":[]}]}')).toEqual({ ok: true, maxDepth: 4 });
    expect(scan('{"a":"[[[[{{{{"}')).toEqual({ ok: true, maxDepth: 1 });
    expect(scan('{"a\\"[[[":"\\\\","b":[["\\"]]]"]]}')).toEqual({ ok: true, maxDepth: 3 });
  });

  it('refuses the first bracket past the limit, at its offset', () => {
    expect(scan('[[[1]]]', 2)).toEqual({ ok: false, depth: 3, offset: 2 });
    expect(scan('[[1]]', 2)).toEqual({ ok: true, maxDepth: 2 });
    // An escaped quote must not end the string: the brackets after it are still string content.
    expect(scan('["\\"[[[[["]', 2)).toEqual({ ok: true, maxDepth: 1 });
  });

  it('refuses 100,000-deep nesting quickly, in either bracket kind', () => {
    const started = performance.now();
    expect(scan('['.repeat(100_000) + ']'.repeat(100_000))).toMatchObject({ ok: false, depth: 65 });
    expect(scan('{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000))).toMatchObject({ ok: false });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('agrees with the parsed depth on any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        expect(scan(text, 100)).toEqual({ ok: true, maxDepth: depthOf(value) });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        const result = scanJsonDepth({ bytes, limit: 4 });
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});
