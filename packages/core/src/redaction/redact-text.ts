import { createRedactor } from './create-redactor.ts';
import type { Redaction } from './create-redactor.ts';

export type RedactedText = { text: string; redactions: Redaction[]; count: number };

/**
 * Redacts secrets and personal data from a whole text (a log, a PR body, an error message); the line count is
 * preserved exactly. `secrets` are values known to be secret, masked wherever and however they are spelled.
 */
export const redactText = (options: { text: string; secrets?: Iterable<string> }): RedactedText => {
  const redactor = createRedactor({ secrets: options.secrets ?? [] });
  const lines = options.text.split('\n');
  for (let i = 0; i < lines.length; i++) lines[i] = redactor.redactLine(lines[i] ?? '', i + 1);
  return { text: lines.join('\n'), redactions: redactor.redactions(), count: redactor.count() };
};
