import type ts from 'typescript';

/** Edits from one code fix never overlap; applying them back to front keeps the spans valid. */
export const applyTextChanges = (options: { text: string; changes: readonly ts.TextChange[] }): string =>
  [...options.changes]
    .sort((a, b) => b.span.start - a.span.start)
    .reduce(
      (result, change) =>
        result.slice(0, change.span.start) +
        change.newText +
        result.slice(change.span.start + change.span.length),
      options.text,
    );
