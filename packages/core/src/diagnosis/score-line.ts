import type { FailureCategory } from './diagnosis-result.ts';
import { buildLiteralScanner } from './build-literal-scanner.ts';
import type { LiteralScanner } from './build-literal-scanner.ts';
import { noiseRules, positiveRules, triggersOf } from './rules/all-rules.ts';
import type { LineRule } from './rules/line-rule.ts';

export type LineScore = {
  score: number;
  ruleId: string;
  role: LineRule['role'];
  category: FailureCategory | null;
};

type RuleIndex = { scanner: LiteralScanner; rulesByLiteral: number[][]; rules: readonly LineRule[] };

/** Maps every trigger literal to the rules it unlocks; one automaton pass per line finds the present ones. */
const buildIndex = (rules: readonly LineRule[]): RuleIndex => {
  const literals = [...new Set(rules.flatMap(triggersOf))];
  const rulesByLiteral = literals.map((literal) => rules.flatMap((rule, id) => (triggersOf(rule).includes(literal) ? [id] : [])));
  // Any nonzero bit: the scanner here is used for its literal ids, not its line flags.
  return { scanner: buildLiteralScanner({ groups: [{ bit: 1, literals }] }), rulesByLiteral, rules };
};

// Tool-specific rules come before generic keyword rules whatever their weight: a line that a specific rule
// understands ("ERROR: "lint" exited with 1." is an exit report) must not be rescored by the word "ERROR".
// Within each tier heavier rules come first; the stable sort keeps listing order for ties.
const isGeneric = (rule: LineRule): boolean => rule.id.startsWith('generic.');
const positive = buildIndex([...positiveRules].sort((a, b) => Number(isGeneric(a)) - Number(isGeneric(b)) || b.weight - a.weight));
const noise = buildIndex(noiseRules);

// Generation-stamped marks: deduplicating candidate ids without allocating a Set per line.
const marks = new Int32Array(positiveRules.length + noiseRules.length);
let generation = 0;
let found: number[] = [];
let current: RuleIndex = positive;
const collect = (literal: number): void => {
  for (const id of current.rulesByLiteral[literal] ?? []) {
    if (marks[id] === generation) continue;
    marks[id] = generation;
    found.push(id);
  }
};

/** Ids of the rules whose trigger occurs in `text` (case-insensitive), ascending: rule order decides ties. */
const candidates = (index: RuleIndex, text: string): number[] => {
  generation += 1;
  found = [];
  current = index;
  index.scanner.forEachLiteral(text, collect);
  return found.length > 1 ? found.sort((a, b) => a - b) : found;
};

// GitHub renders `##[error]` lines red: whatever the text says, the runner or an action flagged it as an error.
const annotationScore: LineScore = { score: 6, ruleId: 'gha.error_annotation', role: 'cause', category: null };

/** Scores one normalized line; null when it says nothing about a failure. */
export const scoreLine = (options: { text: string; annotation?: 'error' | 'warning' | null }): LineScore | null => {
  const { annotation = null } = options;
  if (options.text.length < 3) return null;
  // Very long lines are minified bundles or data dumps; look at their start only so scoring stays linear.
  const text = options.text.length > 1000 ? options.text.slice(0, 1000) : options.text;
  const ids = candidates(positive, text);
  if (ids.length === 0) return annotation === 'error' ? annotationScore : null;

  let best: LineRule | null = null;
  let category: FailureCategory | null = null;
  let categoryWeight = 0;
  // Ids are in weight order, so the first match is the best rule and the first categorized match names the
  // category; everything after that cannot change the outcome.
  for (const id of ids) {
    const rule = positive.rules[id] as LineRule;
    if (best !== null && (category !== null || rule.weight < 4 || isGeneric(rule) !== isGeneric(best))) break;
    if (best !== null && !rule.category) continue;
    if (!rule.pattern.test(text)) continue;
    best ??= rule;
    if (rule.category && category === null) {
      category = rule.category;
      categoryWeight = rule.weight;
    }
  }
  if (best === null) return annotation === 'error' ? annotationScore : null;

  let penalty = 0;
  for (const id of candidates(noise, text)) {
    const rule = noise.rules[id] as LineRule;
    if (rule.pattern.test(text)) penalty = Math.min(penalty, rule.weight);
  }
  let score = best.weight + penalty;
  let role = best.role;
  if (annotation === 'error' && role !== 'summary') {
    score = Math.max(score, annotationScore.score);
    role = 'cause';
  }
  if (score <= 0) return null;
  // Weak generic matches do not get to name a category on their own.
  if (categoryWeight < 4 && isGeneric(best)) category = null;
  return { score, ruleId: best.id, role, category };
};
