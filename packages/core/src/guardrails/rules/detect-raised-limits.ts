import type { GuardrailFinding, GuardrailRule } from '../guardrail-finding.ts';

const timeoutPattern =
  /(?:timeout-minutes|testTimeout|hookTimeout|teardownTimeout|timeout|setTimeout|jest\.setTimeout|this\.timeout|Timeout|-timeout|--timeout|timeout_seconds|timeout_secs)\s*[:=(\s]\s*["']?(\d+(?:\.\d+)?)/i;
const retryPattern =
  /\bretries\s*[:=]\s*[1-9]|\bretry\s*[:=]\s*[1-9]|jest\.retryTimes\(|this\.retries\(|--retries[= ]?[1-9]|--reruns\b|pytest\.mark\.flaky|@flaky\b|@RepeatedTest|@Retry\b|@RetryingTest|nick-fields\/retry|max_attempts\s*[:=]|\bretry_on\b|flaky\s*=\s*true|--rerun-fails/;

/** timeout-raised and retries-added: making a slow or flaky check pass by giving it longer or more tries. */
export const detectRaisedLimits: GuardrailRule = (context) => {
  const findings: GuardrailFinding[] = [];
  for (const change of context.changes) {
    const oldValues = change.removed
      .map((line) => timeoutPattern.exec(line.text)?.[1])
      .filter((value): value is string => value !== undefined)
      .map(Number);
    for (const added of change.added) {
      const raw = timeoutPattern.exec(added.text)?.[1];
      if (
        raw !== undefined &&
        (change.isTest || /config|\.ya?ml$|\.json$|\.toml$/i.test(change.path) || oldValues.length > 0)
      ) {
        const value = Number(raw);
        const previous = oldValues.length > 0 ? Math.max(...oldValues) : null;
        if (previous === null || value > previous) {
          findings.push({
            rule: 'timeout-raised',
            file: change.path,
            line: added.line,
            severity: 'block',
            explanation:
              previous === null
                ? `The patch adds a timeout (${raw}) to a test or CI configuration.`
                : `The patch raises a timeout from ${previous} to ${value}.`,
          });
        }
      }
      if (
        retryPattern.test(added.text) &&
        !change.removed.some((old) => old.text.trim() === added.text.trim())
      ) {
        findings.push({
          rule: 'retries-added',
          file: change.path,
          line: added.line,
          severity: 'block',
          explanation: `The patch retries a failing check until it passes (${added.text.trim()}).`,
        });
      }
    }
  }
  return findings;
};
