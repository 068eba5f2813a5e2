import { genericRules, noiseRules } from './generic-rules.ts';
import { goRustRules } from './go-rust-rules.ts';
import { javascriptRules } from './javascript-rules.ts';
import { jvmRules } from './jvm-rules.ts';
import type { LineRule } from './line-rule.ts';
import { miscRules } from './misc-rules.ts';
import { nativeRules } from './native-rules.ts';
import { pythonRules } from './python-rules.ts';
import { runnerRules } from './runner-rules.ts';

// Order matters only for ties: the first rule of equal weight names the category, so specific rules come first.
export const positiveRules: LineRule[] = [
  ...runnerRules,
  ...javascriptRules,
  ...pythonRules,
  ...goRustRules,
  ...jvmRules,
  ...nativeRules,
  ...miscRules,
  ...genericRules,
];

export { noiseRules };

export const triggersOf = (rule: LineRule): readonly string[] => (typeof rule.trigger === 'string' ? [rule.trigger] : rule.trigger);
