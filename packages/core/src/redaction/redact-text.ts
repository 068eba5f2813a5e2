import { createRedactor } from './create-redactor.ts';
import type { Redaction } from './create-redactor.ts';

export type RedactedText = { text: string; redactions: Redaction[]; count: number };

/** Redacts secrets and personal data from a whole log; the line count is preserved exactly. */
export const redactText = (options: { text: string }): RedactedText => {
  const redactor = createRedactor();
  const lines = options.text.split('\n');
  for (let i = 0; i < lines.length; i++) lines[i] = redactor.redactLine(lines[i] ?? '', i + 1);
  return { text: lines.join('\n'), redactions: redactor.redactions(), count: redactor.count() };
};
