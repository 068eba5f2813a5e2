import { measureEntropy } from './measure-entropy.ts';
import { assignment, cliFlag, entropyCandidate, harmlessValue, secretRules, sensitiveName } from './secret-rules.ts';
import type { RedactionKind } from './secret-rules.ts';

export type Redaction = { kind: RedactionKind; line: number };

export type Redactor = {
  /** Redacts one line (without its "\n"); the result never contains a line break, so line numbers hold. */
  redactLine: (text: string, line: number) => string;
  redactions: () => Redaction[];
  /** Total redactions, including those beyond the kept list. */
  count: () => number;
  /** True inside a multi-line private key: the next line must be redacted whatever it contains. */
  pending: () => boolean;
};

const MAX_KEPT = 10_000;
const MAX_KEY_BLOCK_LINES = 200;
const mask = (kind: RedactionKind): string => `[REDACTED:${kind}]`;

// One cheap test per line; only lines that pass run the individual patterns.
const precheck = /gh[pousr]_|github_pat_|A(?:KIA|SIA|BIA|CCA|ROA|IDA)|xox[abposr]-|hooks\.slack|[sr]k_(?:live|test)_|whsec_|PRIVATE KEY|eyJ|Bearer|Basic|oken|uthoriz|@|:\/\/[^\s/]*:|secret|passw|pwd|key|credential/i;
const blockEnd = /-----END[A-Z ]*PRIVATE KEY(?: BLOCK)?-----/;
const blockStart = /-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----/;
const entropyNames = /secret|token|passw|pwd|key|credential|auth/i;
const nameHints = ['secret', 'token', 'passw', 'pwd', 'key', 'credential', 'auth'];

export const createRedactor = (): Redactor => {
  const kept: Redaction[] = [];
  let total = 0;
  let inKeyBlock = 0;

  const record = (kind: RedactionKind, line: number): void => {
    total += 1;
    if (kept.length < MAX_KEPT) kept.push({ kind, line });
  };

  const redactLine = (text: string, line: number): string => {
    if (inKeyBlock > 0) {
      // Inside a multi-line private key: every line is key material until the END marker.
      const end = blockEnd.exec(text);
      inKeyBlock = end || inKeyBlock >= MAX_KEY_BLOCK_LINES ? 0 : inKeyBlock + 1;
      record('private_key', line);
      return end ? mask('private_key') + text.slice(end.index + end[0].length) : mask('private_key');
    }
    if (!precheck.test(text)) return text;

    let out = text;
    const lower = text.toLowerCase();
    const named = nameHints.some((hint) => lower.includes(hint));
    for (const rule of secretRules) {
      if (!rule.hints.some((hint) => lower.includes(hint))) continue;
      rule.pattern.lastIndex = 0;
      if (!rule.pattern.test(out)) continue;
      rule.pattern.lastIndex = 0;
      out = out.replace(rule.pattern, (match: string, ...groups: unknown[]) => {
        record(rule.kind, line);
        if (rule.kind === 'private_key' && !blockEnd.test(match)) inKeyBlock = 1;
        if (rule.group === undefined) return mask(rule.kind);
        const secret = groups[rule.group - 1];
        return typeof secret === 'string' ? match.replace(secret, mask(rule.kind)) : mask(rule.kind);
      });
    }
    if (inKeyBlock === 0 && blockStart.test(text) && !blockEnd.test(text)) inKeyBlock = 1;

    if (named && sensitiveName.test(out)) {
      out = out.replace(assignment, (match: string, _quote: string, name: string, separator: string, rawValue: string) => {
        if (!sensitiveName.test(name)) return match;
        const value = rawValue.replace(/^['"]|['"]$/g, '');
        if (harmlessValue.test(value) || value.startsWith('[REDACTED')) return match;
        // "name: value" is also how prose and YAML read ("Secret: not set"): demand a credential-looking value.
        if (!separator.includes('=') && (value.length < 6 || !/[\d+/=_-]|[a-z].*[A-Z]|[A-Z].*[a-z]/.test(value))) return match;
        // A bare "key" name (cache keys, map keys) only counts when the value looks machine-generated.
        if (/key$/i.test(name) && !/(?:api|access|private|secret|signing|auth|client)[_-]?key$/i.test(name) && measureEntropy({ text: value }) < 3.5) return match;
        record('secret_assignment', line);
        return match.slice(0, match.length - rawValue.length) + mask('secret_assignment');
      });
      out = out.replace(cliFlag, (match: string, value: string) => {
        if (harmlessValue.test(value.replace(/^['"]|['"]$/g, ''))) return match;
        record('secret_assignment', line);
        return match.slice(0, match.length - value.length) + mask('secret_assignment');
      });
    }
    const nameAt = named ? out.search(entropyNames) : -1;
    if (nameAt !== -1) {
      // High-entropy strings after a secret-sounding word, e.g. "using token 9fQ2...": assume the worst.
      const head = out.slice(0, nameAt);
      const tail = out.slice(nameAt).replace(entropyCandidate, (candidate: string, offset: number, whole: string) => {
        // Identifiers built from words (cache keys, package names) have many separators; generated secrets few.
        if ((candidate.match(/[-_./]/g)?.length ?? 0) >= 3) return candidate;
        if (measureEntropy({ text: candidate }) < 3.5 || /^sha(?:1|256|384|512)-/.test(candidate) || whole.slice(Math.max(0, offset - 7), offset) === 'base64,') return candidate;
        record('high_entropy', line);
        return mask('high_entropy');
      });
      out = head + tail;
    }
    return out;
  };

  return { redactLine, redactions: () => kept, count: () => total, pending: () => inKeyBlock > 0 };
};
