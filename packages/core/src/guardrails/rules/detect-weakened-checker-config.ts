import type { GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';

const checkerConfig =
  /(?:^|\/)(?:tsconfig[\w.-]*\.json|jsconfig\.json|\.?eslint(?:rc)?[\w.-]*|eslint\.config\.[cm]?[jt]s|biome\.jsonc?|pyproject\.toml|setup\.cfg|ruff\.toml|\.ruff\.toml|mypy\.ini|\.pylintrc|Cargo\.toml|clippy\.toml|\.golangci\.ya?ml|\.editorconfig|\.prettierignore|\.eslintignore|checkstyle\.xml)$/;
const loosening =
  /"?(?:strict|strictNullChecks|noImplicitAny|noUncheckedIndexedAccess|noImplicitReturns|strictFunctionTypes)"?\s*:\s*false|"?(?:skipLibCheck|allowJs|suppressImplicitAnyIndexErrors)"?\s*:\s*true|:\s*\[?\s*['"](?:off|warn)['"]|:\s*\[?\s*0\s*[,\]]|\b(?:ignore|extend-ignore|per-file-ignores|disable|exclude)\s*=|\b\w+\s*=\s*"allow"|^\s*-\s*\S+\s*$|disable:\s*$|warn_unused_ignores\s*=\s*false|ignore_errors\s*=\s*true/;
const strictFlags = /-D\s*warnings|--deny\s+warnings|--max-warnings[= ]0|--strict\b|-Werror/;

/** checker-config-weakened: type-checker/linter settings loosened, or a strictness flag dropped from a command. */
export const detectWeakenedCheckerConfig: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  for (const change of context.changes) {
    if (checkerConfig.test(change.path)) {
      for (const added of change.added) {
        if (
          loosening.test(added.text) &&
          !change.removed.some((old) => old.text.trim() === added.text.trim())
        ) {
          findings.push({
            rule: 'checker-config-weakened',
            file: change.path,
            line: added.line,
            severity: 'block',
            explanation: `The patch loosens the checker's configuration (${added.text.trim()}).`,
          });
        }
      }
      if (change.after === null)
        findings.push({
          rule: 'checker-config-weakened',
          file: change.path,
          line: null,
          severity: 'block',
          explanation: 'The patch deletes a type-checker or linter configuration file.',
        });
    }
    const droppedFlag = change.removed.find(
      (line) =>
        strictFlags.test(line.text) &&
        !change.added.some((added) => strictFlags.exec(added.text)?.[0] === strictFlags.exec(line.text)?.[0]),
    );
    if (droppedFlag)
      findings.push({
        rule: 'checker-config-weakened',
        file: change.path,
        line: droppedFlag.line,
        severity: 'block',
        explanation: `The patch drops a strictness flag (${strictFlags.exec(droppedFlag.text)?.[0] ?? ''}).`,
      });
  }
  return findings;
};
