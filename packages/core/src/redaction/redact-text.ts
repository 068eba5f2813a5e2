import { createRedactor, flagRedactionLines } from './create-redactor.ts';
import type { Redaction } from './create-redactor.ts';

export type RedactedText = { text: string; redactions: Redaction[]; count: number };

// Scratch buffers for the line flags: redactText is synchronous, so no two calls ever use them at once.
let flags = new Uint8Array(0);
let ends = new Int32Array(0);

/**
 * Redacts secrets and personal data from a whole text (a log, a PR body, an error message); the line count is
 * preserved exactly. `secrets` are values known to be secret, masked wherever and however they are spelled.
 */
export const redactText = (options: { text: string; secrets?: Iterable<string> }): RedactedText => {
  const { text } = options;
  const redactor = createRedactor({ secrets: options.secrets ?? [] });
  if (flags.length < text.length + 1) {
    flags = new Uint8Array(text.length + 1);
    ends = new Int32Array(text.length + 1);
  }
  // One pass flags the lines that hold a hint; only those (and lines inside a block) reach the redactor.
  const lines = flagRedactionLines(text, flags, ends);
  const parts: string[] = [];
  let copied = 0;
  let start = 0;
  for (let i = 0; i < lines; i++) {
    const end = ends[i] as number;
    if (flags[i] !== 0 || redactor.pending()) {
      const line = text.slice(start, end);
      const redacted = redactor.redactLine(line, i + 1);
      if (redacted !== line) {
        parts.push(text.slice(copied, start), redacted);
        copied = end;
      }
    }
    start = end + 1;
  }
  if (copied === 0) return { text, redactions: redactor.redactions(), count: redactor.count() };
  parts.push(text.slice(copied));
  return { text: parts.join(''), redactions: redactor.redactions(), count: redactor.count() };
};
