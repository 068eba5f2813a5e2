import { describe, expect, it } from 'vitest';
import { chooseRustEdits } from './choose-rust-edits.ts';
import type { RustEdit, RustSuggestion } from './collect-rust-suggestions.ts';

const edit = (start: number, end: number, replacement: string, file = 'src/lib.rs'): RustEdit => ({
  file,
  start,
  end,
  replacement,
});
const suggestion = (message: string, ...edits: RustEdit[]): RustSuggestion => ({
  code: 'mismatched_lifetime_syntaxes',
  level: 'error',
  message,
  file: edits[0]?.file ?? 'src/lib.rs',
  edits,
});

describe('chooseRustEdits', () => {
  it('takes a suggestion reported by the lib and the test build once', () => {
    const lib = suggestion('hiding a lifetime', edit(106, 106, "<'_>"));
    const test = suggestion('hiding a lifetime', edit(106, 106, "<'_>"));
    const choice = chooseRustEdits({ suggestions: [lib, test] });
    expect(choice.edits).toEqual([edit(106, 106, "<'_>")]);
    expect(choice.applied).toHaveLength(1);
    expect(choice.conflicting).toEqual([]);
  });

  it('keeps one of two different insertions at the same offset, the same one whatever the arrival order', () => {
    const a = suggestion('a', edit(10, 10, "<'a>"));
    const b = suggestion('b', edit(10, 10, "<'_>"));
    const forward = chooseRustEdits({ suggestions: [a, b] });
    const backward = chooseRustEdits({ suggestions: [b, a] });
    expect(forward.edits).toEqual([edit(10, 10, "<'_>")]);
    expect(backward).toEqual(forward);
    expect(forward.conflicting.map((item) => item.message)).toEqual(['a']);
  });

  it('treats an insertion at the start of a replaced range as a conflict, and one at its end as independent', () => {
    const replace = suggestion('replace', edit(10, 14, 'x'));
    const atStart = suggestion('at start', edit(10, 10, 'y'));
    const atEnd = suggestion('at end', edit(14, 14, 'z'));
    const choice = chooseRustEdits({ suggestions: [replace, atStart, atEnd] });
    expect(choice.edits).toEqual([edit(10, 10, 'y'), edit(14, 14, 'z')]);
    expect(choice.conflicting.map((item) => item.message)).toEqual(['replace']);
  });

  it('applies the new part of a suggestion that repeats an edit already chosen', () => {
    const short = suggestion('remove import', edit(0, 31, ''));
    const long = suggestion('remove import and blank line', edit(0, 31, ''), edit(40, 41, ''));
    const choice = chooseRustEdits({ suggestions: [long, short, long] });
    expect(choice.edits).toEqual([edit(0, 31, ''), edit(40, 41, '')]);
    expect(choice.conflicting).toEqual([]);
  });

  it('refuses a suggestion whose own edits overlap or whose span is malformed', () => {
    const selfOverlap = suggestion('self', edit(5, 9, 'a'), edit(7, 12, 'b'));
    const backwards = suggestion('backwards', edit(30, 20, 'c'));
    const elsewhere = suggestion('other file', edit(5, 9, 'd', 'src/main.rs'));
    const choice = chooseRustEdits({ suggestions: [selfOverlap, backwards, elsewhere] });
    expect(choice.edits).toEqual([edit(5, 9, 'd', 'src/main.rs')]);
    expect(choice.conflicting.map((item) => item.message).sort()).toEqual(['backwards', 'self']);
  });
});
