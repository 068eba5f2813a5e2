import { scanJsTests } from '../scan-js-tests.ts';
import type { GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';

const skipMarker =
  /@Ignore\b|@Disabled\b|#\[ignore(?:\s*=\s*"[^"]*")?\]|pytest\.mark\.(?:skip|skipif|xfail)\b|unittest\.skip\w*|self\.skipTest\(|pytest\.skip\(|\bt\.Skip(?:Now|f)?\(|@pytest\.mark\.skip/;
const focusMarker = /\bt\.Run\(\s*"[^"]*"\s*,\s*nil\)/;

/** test-skipped / test-focused: new .skip/.todo/xit/@Ignore/#[ignore]/pytest skips/t.Skip, or .only/fit focusing. */
export const detectSkippedTests: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  for (const change of context.changes) {
    if (change.after === null) continue;
    if (change.language === 'js') {
      const before = change.before ? scanJsTests({ path: change.path, text: change.before }) : null;
      const after = scanJsTests({ path: change.path, text: change.after });
      if (after.skipped.length > (before?.skipped.length ?? 0)) {
        const line =
          after.skipped.find((candidate) => change.added.some((added) => added.line === candidate)) ??
          after.skipped[0] ??
          null;
        findings.push({
          rule: 'test-skipped',
          file: change.path,
          line,
          severity: 'block',
          explanation:
            'The patch skips a test (.skip/.todo/xit/xdescribe): the failure is hidden, not fixed.',
        });
      }
      if (after.focused.length > (before?.focused.length ?? 0)) {
        const line =
          after.focused.find((candidate) => change.added.some((added) => added.line === candidate)) ??
          after.focused[0] ??
          null;
        findings.push({
          rule: 'test-focused',
          file: change.path,
          line,
          severity: 'block',
          explanation:
            'The patch focuses a test (.only/fit), which silently stops every other test in the file from running.',
        });
      }
      continue;
    }
    for (const added of change.added) {
      if (skipMarker.test(added.text))
        findings.push({
          rule: 'test-skipped',
          file: change.path,
          line: added.line,
          severity: 'block',
          explanation: `The patch adds a test skip (${added.text.trim()}): the failure is hidden, not fixed.`,
        });
      else if (focusMarker.test(added.text))
        findings.push({
          rule: 'test-focused',
          file: change.path,
          line: added.line,
          severity: 'block',
          explanation: 'The patch narrows which tests run.',
        });
    }
  }
  return findings;
};
