import { parse } from 'yaml';
import type { GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';

const shellSilencers = /\|\|\s*(?:true|:|exit\s+0)\b|\bset\s+\+e\b|;\s*true\s*$|\|\|\s*echo\b/;

/** Counts `continue-on-error: true` / `allow_failure: true` anywhere in a parsed workflow. */
const countLenient = (text: string | null): number => {
  if (!text) return 0;
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch {
    return (text.match(/continue-on-error:\s*true|allow_failure:\s*true/g) ?? []).length;
  }
  let total = 0;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if ((key === 'continue-on-error' || key === 'allow_failure') && (child === true || child === 'true'))
          total += 1;
        walk(child);
      }
    }
  };
  walk(parsed);
  return total;
};

/** ci-continue-on-error and shell-error-suppressed: CI told to carry on after failures, or commands made unable to fail. */
export const detectCiWeakening: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  for (const change of context.changes) {
    if (change.language === 'yaml' && countLenient(change.after) > countLenient(change.before)) {
      const line =
        change.added.find((added) => /continue-on-error|allow_failure/.test(added.text))?.line ?? null;
      findings.push({
        rule: 'ci-continue-on-error',
        file: change.path,
        line,
        severity: 'block',
        explanation:
          'The patch lets a CI job or step fail without failing the build (continue-on-error / allow_failure).',
      });
    }
    const scripted =
      change.language === 'yaml' ||
      change.language === 'shell' ||
      change.path.endsWith('package.json') ||
      /(?:^|\/)(?:Makefile|justfile|Taskfile\.ya?ml)$/.test(change.path);
    if (!scripted) continue;
    for (const added of change.added) {
      if (
        shellSilencers.test(added.text) &&
        !change.removed.some((old) => old.text.trim() === added.text.trim())
      ) {
        findings.push({
          rule: 'shell-error-suppressed',
          file: change.path,
          line: added.line,
          severity: 'block',
          explanation: `The patch makes a command unable to fail (${added.text.trim()}).`,
        });
      }
    }
  }
  return findings;
};
