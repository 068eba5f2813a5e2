export type SearchReplaceResult = { ok: true; text: string; fuzzy: boolean } | { ok: false; reason: string };

const indentOf = (line: string): string => /^\s*/.exec(line)?.[0] ?? '';

/**
 * Replaces exactly one occurrence of `search` in `text`. An exact match wins; otherwise lines are compared
 * with surrounding whitespace ignored (models drift on indentation and trailing spaces) and the replacement
 * is re-indented to where it landed. Two or more matches are refused: guessing would edit the wrong place.
 */
export const applySearchReplace = (options: {
  text: string;
  search: string;
  replace: string;
}): SearchReplaceResult => {
  const { text, search, replace } = options;
  if (search.trim().length === 0) return { ok: false, reason: 'empty search text' };
  const exact = text.split(search).length - 1;
  if (exact === 1) return { ok: true, text: text.replace(search, () => replace), fuzzy: false };
  if (exact > 1) return { ok: false, reason: `search text matches ${exact} places; it must be unique` };

  const lines = text.split('\n');
  const wanted = search
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => line.trim());
  while (wanted.length > 0 && wanted[0] === '') wanted.shift();
  if (wanted.length === 0) return { ok: false, reason: 'empty search text' };
  const starts: number[] = [];
  for (let start = 0; start + wanted.length <= lines.length; start += 1) {
    if (wanted.every((line, offset) => (lines[start + offset] ?? '').trim() === line)) starts.push(start);
  }
  if (starts.length === 0) return { ok: false, reason: 'search text not found, even ignoring whitespace' };
  if (starts.length > 1)
    return {
      ok: false,
      reason: `search text matches ${starts.length} places when whitespace is ignored; it must be unique`,
    };
  const start = starts[0] ?? 0;
  // The replacement keeps its own relative indentation, anchored where the match actually sits.
  const replaceLines = replace.replace(/\n+$/, '').split('\n');
  const fromIndent = indentOf(replaceLines.find((line) => line.trim().length > 0) ?? '');
  const toIndent = indentOf(lines[start] ?? '');
  const replacement = replaceLines.map((line) => {
    if (line.trim().length === 0) return '';
    return toIndent + (line.startsWith(fromIndent) ? line.slice(fromIndent.length) : line.trimStart());
  });
  const next = [
    ...lines.slice(0, start),
    ...(replace.length > 0 ? replacement : []),
    ...lines.slice(start + wanted.length),
  ];
  return { ok: true, text: next.join('\n'), fuzzy: true };
};
