// Multi-line secrets: PEM private keys and the data of Kubernetes Secrets. State carries from line to line; a
// block ends at the first line that cannot belong to it, so a missing or malformed END line costs the key's own
// lines, never the rest of the log.
import { decodeBase64Text } from './find-encoded-secrets.ts';

// CI prefixes before the content: `gh run view --log`'s "job<TAB>step<TAB>", GitHub's timestamp.
const linePrefix = /^(?:(?:[^\t]*\t){2})?(?:\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?)?/;
const keyEnd = /-----END[A-Z ]*PRIVATE KEY(?: BLOCK)?-----/;
const keyMaterial = /^\s*["']?([A-Za-z0-9+/]{1,128}={0,2})(?:\\n)?["']?,?\s*$/;
const pemHeader = /^\s*(?:Proc-Type|DEK-Info|Comment|Version):/;
const dataStart = /^(\s*)(?:(?:data|binaryData):\s*$|"(?:data|binaryData)"\s*:\s*\{\s*$)/;
const dataEntry = /^(\s+["']?[\w.-]+["']?\s*:\s*["']?)([A-Za-z0-9+/]{4,}={0,2})(["']?,?\s*)$/;

export const MAX_KEY_BLOCK_LINES = 200;

export type KeyBlockStep = { redacted: string } | { ended: true };

export const splitPrefix = (text: string): { prefix: string; body: string } => {
  const first = text.charCodeAt(0);
  // Most lines have neither prefix: skip the regex (its optional tab part would scan the whole line).
  if (!(first >= 48 && first <= 57) && !text.includes('\t')) return { prefix: '', body: text };
  const prefix = linePrefix.exec(text)?.[0] ?? '';
  return { prefix, body: text.slice(prefix.length) };
};

/** One line inside a PEM block: its redacted form, or `ended` when the line cannot be key material. */
export const continueKeyBlock = (text: string, mask: string): KeyBlockStep & { done?: boolean } => {
  const end = keyEnd.exec(text);
  if (end) return { redacted: mask + text.slice(end.index + end[0].length), done: true };
  const { prefix, body } = splitPrefix(text);
  if (pemHeader.test(body)) return { redacted: prefix + mask };
  const material = keyMaterial.exec(body)?.[1];
  // Short lines must look encoded (a digit or base64 punctuation): "Done" after a truncated key is no key.
  if (material && (material.length >= 16 || /[\d+/=]/.test(material))) return { redacted: prefix + mask };
  return { ended: true };
};

export const startsDataBlock = (text: string): number => {
  const match = dataStart.exec(splitPrefix(text).body);
  return match ? (match[1]?.length ?? 0) : -1;
};

/**
 * One line inside a `data:` block (YAML or JSON) opened at `indent`: the redacted line, the same line when it
 * holds no encoded value, or null when the block has ended. Values that decode to text are a Secret's data.
 */
export const continueDataBlock = (text: string, indent: number, mask: string): string | null => {
  const { prefix, body } = splitPrefix(text);
  if (body.trim() === '') return text;
  const ownIndent = body.length - body.trimStart().length;
  if (ownIndent <= indent) return null;
  const entry = dataEntry.exec(body);
  if (!entry || decodeBase64Text(entry[2] ?? '') === null) return text;
  return `${prefix}${entry[1] ?? ''}${mask}${entry[3] ?? ''}`;
};
