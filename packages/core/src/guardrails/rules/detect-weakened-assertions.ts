import type { GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';
import { countLanguageTests } from './count-language-tests.ts';

const assertionLine =
  /\bexpect\s*\(|\bassert\w*\b|\bassert_\w+!|\bassert!|\bt\.(?:Error|Fatal)\w*\(|\b(?:require|assert)\.\w+\(|\.should\b|\bfail\s*\(/;
// Matchers that accept (almost) anything: swapping an exact check for one of these is loosening.
const weakMatcher =
  /\.(?:toBeTruthy|toBeDefined|toBeFalsy|toBeInstanceOf|toHaveBeenCalled)\(\)|\.not\.(?:toBeNull|toBeUndefined|toThrow)\(|expect\.any(?:thing)?\(|\.toMatchObject\(\s*\{\s*\}\s*\)|\bassert\.ok\(|\bassert\(\s*\w+\s*\)|\bassertTrue\(|\bassertNotNull\(|\bassert\s+\w+\s+is\s+not\s+None|^\s*assert\s+True\b|\bassert\.NotNil\(|\bassert!\(\s*\w+\.is_(?:ok|some|err)\(\)\s*\)|\.toBeGreaterThanOrEqual\(\s*0\s*\)|\.toHaveLength\(\s*expect/;

/**
 * assertion-removed, assertion-loosened and test-expectation-changed, in test files: fewer assertions,
 * an exact check replaced by a permissive one, or the expected value of an existing check rewritten (which
 * makes a test agree with the bug when the failure was a test failure).
 */
export const detectWeakenedAssertions: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  for (const change of context.changes.filter(
    (item) => item.isTest && item.before !== null && item.after !== null,
  )) {
    const before = countLanguageTests({ change, side: 'before' }).assertions;
    const after = countLanguageTests({ change, side: 'after' }).assertions;
    const removedChecks = change.removed.filter((line) => assertionLine.test(line.text));
    const addedChecks = change.added.filter((line) => assertionLine.test(line.text));
    if (after < before) {
      findings.push({
        rule: 'assertion-removed',
        file: change.path,
        line: removedChecks[0]?.line ?? change.removed[0]?.line ?? null,
        severity: 'block',
        explanation: `The patch removes ${before - after} assertion(s) from a test (${before} before, ${after} after).`,
      });
    }
    const loosened = addedChecks.filter(
      (line) =>
        weakMatcher.test(line.text) && !change.removed.some((old) => old.text.trim() === line.text.trim()),
    );
    if (loosened.length > 0 && removedChecks.some((line) => !weakMatcher.test(line.text))) {
      for (const line of loosened)
        findings.push({
          rule: 'assertion-loosened',
          file: change.path,
          line: line.line,
          severity: 'block',
          explanation: `An exact assertion was replaced by a permissive one: ${line.text.trim()}`,
        });
      continue;
    }
    const rewritten = removedChecks.filter(
      (line) => !change.added.some((added) => added.text.trim() === line.text.trim()),
    );
    if (after >= before && rewritten.length > 0 && addedChecks.length > 0) {
      const testFailure = context.category === 'test_failure' || context.category === 'snapshot_mismatch';
      findings.push({
        rule: 'test-expectation-changed',
        file: change.path,
        line: addedChecks[0]?.line ?? null,
        severity: testFailure ? 'block' : 'warn',
        explanation: testFailure
          ? 'The patch rewrites what a failing test expects: that makes the test agree with the code instead of fixing the code.'
          : 'The patch rewrites an existing assertion; a reviewer should confirm the new expectation is intended.',
      });
    }
  }
  return findings;
};
