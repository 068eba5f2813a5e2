import type { GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';
import { countLanguageTests } from './count-language-tests.ts';

/** test-deleted: a test file removed, or fewer test cases than before. */
export const detectDeletedTests: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  for (const change of context.changes.filter((item) => item.isTest)) {
    if (change.after === null && change.before !== null) {
      findings.push({
        rule: 'test-deleted',
        file: change.path,
        line: null,
        severity: 'block',
        explanation: 'The patch deletes a test file; a fix must make tests pass, not remove them.',
      });
      continue;
    }
    const before = countLanguageTests({ change, side: 'before' }).tests;
    const after = countLanguageTests({ change, side: 'after' }).tests;
    if (after < before) {
      findings.push({
        rule: 'test-deleted',
        file: change.path,
        line: change.removed[0]?.line ?? null,
        severity: 'block',
        explanation: `The patch removes ${before - after} test case(s) (${before} before, ${after} after).`,
      });
    }
  }
  return findings;
};
