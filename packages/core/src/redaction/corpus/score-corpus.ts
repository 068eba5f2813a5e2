// Recall and false positives of a redactor on the corpus. A positive case is caught when no 12-character piece
// of any of its secrets survives (a half-masked token is a leak) and its line count is unchanged; a look-alike
// is a false positive when its line changes at all. Lines of a positive case that hold no secret are counted
// as collateral when they change.
import { stripVTControlCharacters } from 'node:util';
import type { RedactionCorpus } from './generate-corpus.ts';
import type { Split } from './corpus-templates.ts';

export type Tally = { cases: number; caught: number; negatives: number; altered: number };
export type CorpusScore = {
  overall: Tally;
  bySplit: Record<Split, Tally>;
  byKind: Map<string, Tally>;
  byTemplate: Map<string, Tally>;
  collateral: { lines: number; altered: number };
  misses: { kind: string; template: string; input: string; output: string }[];
  falsePositives: { template: string; input: string; output: string }[];
};

const WINDOW = 12;
const empty = (): Tally => ({ cases: 0, caught: 0, negatives: 0, altered: 0 });

export const leaks = (output: string, secret: string): boolean => {
  if (secret.length <= WINDOW) return output.includes(secret);
  for (let i = 0; i + WINDOW <= secret.length; i++) if (output.includes(secret.slice(i, i + WINDOW))) return true;
  return false;
};

export const recallOf = (tally: Tally): number => (tally.cases === 0 ? 1 : tally.caught / tally.cases);
export const falsePositiveRateOf = (tally: Tally): number => (tally.negatives === 0 ? 0 : tally.altered / tally.negatives);

export const scoreCorpus = (options: { corpus: RedactionCorpus; redact: (text: string) => string }): CorpusScore => {
  const score: CorpusScore = {
    overall: empty(), bySplit: { train: empty(), test: empty() }, byKind: new Map(), byTemplate: new Map(),
    collateral: { lines: 0, altered: 0 }, misses: [], falsePositives: [],
  };
  const tallies = (split: Split, kind: string | null, template: string): Tally[] => {
    const list = [score.overall, score.bySplit[split]];
    for (const [map, key] of [[score.byKind, kind], [score.byTemplate, template]] as const) {
      if (key === null) continue;
      if (!map.has(key)) map.set(key, empty());
      list.push(map.get(key) as Tally);
    }
    return list;
  };
  for (const item of options.corpus.positives) {
    const input = item.lines.join('\n');
    const output = options.redact(input);
    const outLines = output.split('\n');
    const caught = outLines.length === item.lines.length && !item.leaks.some((secret) => leaks(output, secret));
    for (const tally of tallies(item.split, item.kind, item.template)) {
      tally.cases += 1;
      if (caught) tally.caught += 1;
    }
    if (!caught) score.misses.push({ kind: item.kind, template: item.template, input, output });
    item.lines.forEach((line, index) => {
      // A PEM block's BEGIN and END lines belong to the secret: redacting them is no collateral.
      if (item.leaks.some((secret) => stripVTControlCharacters(line).includes(secret)) || /-----(?:BEGIN|END)[A-Z ]*PRIVATE KEY/.test(line)) return;
      score.collateral.lines += 1;
      if (outLines[index] !== line) score.collateral.altered += 1;
    });
  }
  for (const item of options.corpus.negatives) {
    const output = options.redact(item.line);
    const altered = output !== item.line;
    for (const tally of tallies(item.split, null, item.template)) {
      tally.negatives += 1;
      if (altered) tally.altered += 1;
    }
    if (altered) score.falsePositives.push({ template: item.template, input: item.line, output });
  }
  return score;
};
