import { createHash } from 'node:crypto';
import { stripVTControlCharacters } from 'node:util';

export type ComputeFailureSignatureOptions = { message: string; maxLines?: number };

// Order matters: timestamps and UUIDs before bare numbers, paths before numbers so "file.ts:12:3" goes at once.
const rules: [RegExp, string][] = [
  [/\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?/g, '<ts>'],
  [/\b\d\d:\d\d:\d\d(?:\.\d+)?\b/g, '<ts>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b0x[0-9a-f]+\b/gi, '<addr>'],
  [/(?:file:\/\/)?(?:[A-Za-z]:\\|\/)[^\s'"`():,]+(?::\d+){0,2}/g, '<path>'],
  [/\b[0-9a-f]{12,}\b/gi, '<hex>'],
  [/-?\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi, '<n>'],
  [/[ \t]+/g, ' '],
];

/** Normalizes text so the same failure hashes alike across runs, machines and checkouts. */
export const normalizeFailureText = (text: string): string => rules.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), stripVTControlCharacters(text));

/**
 * A short stable id for "this failure": the first lines of the message (the assertion, not the whole stack, whose
 * runner-internal frames vary with scheduling) normalized, then hashed.
 */
export const computeFailureSignature = (options: ComputeFailureSignatureOptions): string => {
  const lines = options.message
    .split('\n')
    .map((line) => normalizeFailureText(line).trim())
    .filter((line) => line.length > 0 && !/^at\s/.test(line))
    .slice(0, options.maxLines ?? 6);
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
};
