import type { RustEdit, RustSuggestion } from './collect-rust-suggestions.ts';

export type RustEditChoice = {
  /** Edits to apply this round, each once; no two conflict. */
  edits: RustEdit[];
  /** Suggestions that contributed at least one new edit, in the order chosen. */
  applied: RustSuggestion[];
  /** Suggestions left out because an edit conflicts with one already chosen (or is malformed). */
  conflicting: RustSuggestion[];
};

const sameEdit = (a: RustEdit, b: RustEdit): boolean =>
  a.file === b.file && a.start === b.start && a.end === b.end && a.replacement === b.replacement;

/**
 * Two different edits conflict when their byte ranges intersect. Zero-width insertions need the second rule:
 * two insertions at one offset (or an insertion at the start of a replaced range) have no defined order, and
 * `a.start < b.end && b.start < a.end` is false for them, which is how `<'_>` went in twice.
 */
const conflicts = (a: RustEdit, b: RustEdit): boolean =>
  a.file === b.file &&
  ((a.start < b.end && b.start < a.end) || (a.start === b.start && (a.start === a.end || b.start === b.end)));

// Plain code-unit comparison, not localeCompare: the order must not depend on the machine's locale.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const compareEdits = (a: RustEdit, b: RustEdit): number =>
  compareText(a.file, b.file) || a.start - b.start || a.end - b.end || compareText(a.replacement, b.replacement);

const compareSuggestions = (a: RustSuggestion, b: RustSuggestion): number => {
  for (let index = 0; index < Math.min(a.edits.length, b.edits.length); index += 1) {
    const order = compareEdits(a.edits[index] as RustEdit, b.edits[index] as RustEdit);
    if (order !== 0) return order;
  }
  return (
    a.edits.length - b.edits.length ||
    compareText(a.code ?? '', b.code ?? '') ||
    compareText(a.message, b.message) ||
    compareText(a.level, b.level)
  );
};

/** One suggestion with its own duplicate edits dropped and its edits in file order. */
const normalize = (suggestion: RustSuggestion): RustSuggestion => {
  const edits: RustEdit[] = [];
  for (const edit of [...suggestion.edits].sort(compareEdits)) {
    if (!edits.some((other) => sameEdit(other, edit))) edits.push(edit);
  }
  return { ...suggestion, edits };
};

/**
 * Picks the edits of one round from rustc's suggestions. `cargo check --all-targets` compiles a library's
 * sources twice (the lib and its unit-test harness), so every suggestion on shared code arrives twice: an
 * edit identical to one already chosen (same file, byte span and replacement) is taken once, and a suggestion
 * made only of such edits adds nothing. Of edits that conflict, the first in a fixed order (file, offset,
 * replacement) wins and the others wait: the next round re-runs cargo on the edited tree, which re-offers
 * whatever still applies. That is rustfix's rule too (`cargo fix`/`clippy --fix` keep the first and skip
 * overlapping ones), and unlike dropping every conflicting edit it cannot stall on a pair that always
 * conflicts. The order is by position rather than by arrival because cargo interleaves targets' output in
 * whatever order its parallel jobs finish.
 */
export const chooseRustEdits = (options: { suggestions: readonly RustSuggestion[] }): RustEditChoice => {
  const choice: RustEditChoice = { edits: [], applied: [], conflicting: [] };
  for (const suggestion of options.suggestions.map(normalize).sort(compareSuggestions)) {
    const fresh = suggestion.edits.filter((edit) => !choice.edits.some((other) => sameEdit(other, edit)));
    if (fresh.length === 0) continue;
    const malformed = fresh.some((edit) => edit.start < 0 || edit.end < edit.start);
    const clashes = fresh.some(
      (edit, index) =>
        choice.edits.some((other) => conflicts(edit, other)) ||
        fresh.some((other, otherIndex) => otherIndex !== index && conflicts(edit, other)),
    );
    if (malformed || clashes) {
      choice.conflicting.push(suggestion);
      continue;
    }
    choice.edits.push(...fresh);
    choice.applied.push(suggestion);
  }
  return choice;
};
