import { scanJsTests } from '../scan-js-tests.ts';
import type { AnalyzedChange, GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';

const swallowPatterns: Partial<Record<AnalyzedChange['language'], RegExp>> = {
  python:
    /except(?:\s+\(?\s*(?:Exception|BaseException)[^:]*)?\s*:\s*(?:\n\s*)?(?:pass|\.\.\.|return None|continue)\b/,
  java: /catch\s*\(\s*(?:final\s+)?(?:Exception|Throwable|RuntimeException)\s+\w+\s*\)\s*\{\s*(?:\/\/[^\n]*\n\s*)?\}/,
  go: /\b_\s*=\s*err\b|if\s+err\s*!=\s*nil\s*\{\s*return\s+nil\s*\}/,
  rust: /\blet\s+_\s*=\s*[^;]*\?|Err\(_\)\s*=>\s*\{\s*\}|\.unwrap_or_default\(\)|\.ok\(\);/,
};

/** error-swallowed: new catch-alls that drop the error (empty catch, except: pass, _ = err, Err(_) => {}). */
export const detectSwallowedErrors: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  for (const change of context.changes) {
    if (change.after === null) continue;
    if (change.language === 'js') {
      const before = change.before
        ? scanJsTests({ path: change.path, text: change.before }).swallowedErrors.length
        : 0;
      const after = scanJsTests({ path: change.path, text: change.after }).swallowedErrors;
      if (after.length > before) {
        const line =
          after.find((candidate) => change.added.some((added) => added.line === candidate)) ??
          after[0] ??
          null;
        findings.push({
          rule: 'error-swallowed',
          file: change.path,
          line,
          severity: 'block',
          explanation:
            'The patch adds a catch that discards the error (empty, log-only or returning nothing).',
        });
      }
      continue;
    }
    const pattern = swallowPatterns[change.language];
    if (!pattern) continue;
    const addedText = change.added.map((line) => line.text).join('\n');
    const removedText = change.removed.map((line) => line.text).join('\n');
    if (pattern.test(addedText) && !pattern.test(removedText)) {
      const line =
        change.added.find((added) =>
          /except|catch|err|Err\(|unwrap_or_default|\.ok\(\)|let\s+_/.test(added.text),
        )?.line ??
        change.added[0]?.line ??
        null;
      findings.push({
        rule: 'error-swallowed',
        file: change.path,
        line,
        severity: 'block',
        explanation: 'The patch adds a catch-all that discards the error instead of handling it.',
      });
    }
  }
  return findings;
};
