import { describe, expect, it } from 'vitest';
import { buildLiteralScanner } from './build-literal-scanner.ts';

describe('buildLiteralScanner', () => {
  const scanner = buildLiteralScanner({ groups: [{ bit: 1, literals: ['error', 'err!', 'fail'] }, { bit: 2, literals: ['token', '@'] }, { bit: 4, literals: ['●'] }] });

  it('flags each line with the groups whose literals it contains, case-insensitively', () => {
    const flags = new Uint8Array(8);
    const ends = new Int32Array(8);
    const text = 'all good\nnpm ERR! code 1\nTOKEN=x and user@host\n  ● suite › test\nFailed to fail';
    const count = scanner.scan(text, flags, ends);
    expect(count).toBe(5);
    expect([...flags.slice(0, count)]).toEqual([0, 1, 2, 4, 1]);
    expect(text.slice(0, ends[0])).toBe('all good');
    expect(ends[4]).toBe(text.length);
  });

  it('finds overlapping literals and reports each occurrence', () => {
    const seen: number[] = [];
    buildLiteralScanner({ groups: [{ bit: 1, literals: ['error', 'rror:', 'or'] }] }).forEachLiteral('an error: x', (literal) => seen.push(literal));
    expect(seen.sort()).toEqual([0, 1, 2]);
  });

  it('rejects literals that could never match a line', () => {
    expect(() => buildLiteralScanner({ groups: [{ bit: 1, literals: ['a\nb'] }] })).toThrow();
  });
});
