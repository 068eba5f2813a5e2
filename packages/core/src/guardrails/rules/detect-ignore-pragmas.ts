import type { GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';

const silencers: Array<[RegExp, string]> = [
  [/@ts-(?:ignore|expect-error|nocheck)\b/, 'a TypeScript suppression comment'],
  [/eslint-disable(?:-next-line|-line)?\b/, 'an eslint-disable comment'],
  [/biome-ignore\b|oxlint-disable\b|deno-lint-ignore\b/, 'a linter suppression comment'],
  [/#\s*type:\s*ignore\b|#\s*pyright:\s*ignore\b|#\s*mypy:\s*ignore/, 'a type-checker suppression comment'],
  [/#\s*noqa\b|#\s*pylint:\s*disable|#\s*ruff:\s*noqa/, 'a Python linter suppression comment'],
  [/#!?\[allow\(|#!?\[expect\(/, 'a Rust #[allow]'],
  [/\/\/\s*nolint\b|\/\/\s*lint:ignore\b/, 'a Go linter suppression comment'],
  [/@SuppressWarnings\b|\/\/\s*NOSONAR|@Suppress\(/, 'a Java/Kotlin warning suppression'],
  [
    /\/\/\s*prettier-ignore|#\s*fmt:\s*(?:off|skip)|#\[rustfmt::skip\]|\/\/\s*gofmt:off/,
    'a formatter suppression',
  ],
  [/istanbul ignore|c8 ignore|#\s*pragma:\s*no cover/, 'a coverage exclusion'],
];

/** ignore-pragma-added: the patch silences a checker (@ts-ignore, eslint-disable, # type: ignore, noqa, #[allow], nolint...). */
export const detectIgnorePragmas: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  for (const change of context.changes) {
    for (const added of change.added) {
      const hit = silencers.find(
        ([pattern]) =>
          pattern.test(added.text) &&
          !change.removed.some((old) => pattern.test(old.text) && old.text.trim() === added.text.trim()),
      );
      if (hit)
        findings.push({
          rule: 'ignore-pragma-added',
          file: change.path,
          line: added.line,
          severity: 'block',
          explanation: `The patch adds ${hit[1]}, which hides the problem from CI instead of fixing it.`,
        });
    }
  }
  return findings;
};
