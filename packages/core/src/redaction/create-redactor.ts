import { stripVTControlCharacters } from 'node:util';
import { buildLiteralScanner } from '../diagnosis/build-literal-scanner.ts';
import { cliRules } from './cli-rules.ts';
import { createMaskSet } from './create-mask-set.ts';
import { createVendorScanner } from './create-vendor-scanner.ts';
import { createEncodedRules } from './find-encoded-secrets.ts';
import { isHarmlessValue, isSensitiveName, redactAssignments, redactEntropy } from './redact-assignments.ts';
import { redactUrlCredentials } from './redact-url-credentials.ts';
import { secretRules } from './secret-rules.ts';
import type { RedactionKind, SecretRule } from './secret-rules.ts';
import { continueDataBlock, continueKeyBlock, MAX_KEY_BLOCK_LINES, splitPrefix, startsDataBlock } from './track-blocks.ts';

export type Redaction = { kind: RedactionKind; line: number };

export type Redactor = {
  /** Redacts one line (without its "\n"); the result never contains a line break, so line numbers hold. */
  redactLine: (text: string, line: number) => string;
  redactions: () => Redaction[];
  /** Total redactions, including those beyond the kept list. */
  count: () => number;
  /** True when the next line must be redacted whatever it contains: inside a key or Secret block, or once values are masked. */
  pending: () => boolean;
};

export type RedactorOptions = {
  /** Values known to be secret (tokens Suture holds): masked wherever they appear, in their usual encodings too. */
  secrets?: Iterable<string>;
};

const MAX_KEPT = 10_000;
const MAX_DEPTH = 2;
const mask = (kind: RedactionKind): string => `[REDACTED:${kind}]`;
const blockStart = /-----BEGIN[A-Z ]*PRIVATE KEY(?: BLOCK)?-----/;
const blockEnd = /-----END[A-Z ]*PRIVATE KEY(?: BLOCK)?-----/;
const addMask = /::add-mask::(.*)$/;
// A variable given as a name line and a value line (Kubernetes env, ECS task definitions): `- name: DB_PASSWORD`.
const nameEntry = /^\s*(?:-\s+)?["']?name["']?\s*:\s*["']?([\w.-]+)["']?,?\s*$/;
const valueEntry = /^(\s*["']?value["']?\s*:\s*)(["']?)([^\s"']+)(\2,?\s*)$/;
const commandEscapes: Record<string, string> = { '%25': '%', '%0D': '\r', '%0A': '\n', '%3A': ':', '%2C': ',' };

type Step = { kind: 'vendor'; index: number } | { kind: 'rule'; rule: SecretRule } | { kind: 'url' } | { kind: 'names' };
type Recorder = (kind: RedactionKind) => void;

const vendor = createVendorScanner();
// Order matters: whole tokens first, so that name- and entropy-based passes see them already masked.
let detect: (text: string, depth: number) => boolean = () => false;
const encodedRules = createEncodedRules((text) => detect(text, 1));
const steps: { step: Step; hints: readonly string[] }[] = [
  ...vendor.rules.map((rule, index) => ({ step: { kind: 'vendor', index } satisfies Step, hints: rule.hints })),
  ...secretRules.filter((rule) => rule.kind !== 'email').map((rule) => ({ step: { kind: 'rule', rule } satisfies Step, hints: rule.hints })),
  ...[...cliRules, ...encodedRules].map((rule) => ({ step: { kind: 'rule', rule } satisfies Step, hints: rule.hints })),
  { step: { kind: 'url' }, hints: ['://'] },
  ...secretRules.filter((rule) => rule.kind === 'email').map((rule) => ({ step: { kind: 'rule', rule } satisfies Step, hints: rule.hints })),
  { step: { kind: 'names' }, hints: ['secret', 'oken', 'passw', '_pass', '-pass', 'sshpass', 'storepass', 'keypass', 'pwd', 'key', 'credential', 'auth', 'uthoriz'] },
];
// State-changing markers; lines holding them must reach the redactor even when no rule's hint is there.
const markerHints = ['::add-mask::', 'private key', 'data:', '"data"', '\x1b'];

const literals: string[] = [];
const stepsOfLiteral: number[][] = [];
const literalIndex = new Map<string, number>();
const addLiteral = (literal: string, step: number | null): void => {
  let at = literalIndex.get(literal);
  if (at === undefined) {
    at = literals.length;
    literalIndex.set(literal, at);
    literals.push(literal);
    stepsOfLiteral.push([]);
  }
  if (step !== null) stepsOfLiteral[at]?.push(step);
};
steps.forEach(({ hints }, index) => hints.forEach((hint) => addLiteral(hint, index)));
markerHints.forEach((hint) => addLiteral(hint, null));

/** Literals, one of which every line any rule could touch contains (ASCII case-insensitive). */
export const redactionHints: readonly string[] = literals;
const scanner = buildLiteralScanner({ groups: [{ bit: 1, literals }] });
/** Flags the lines holding a redaction hint in one pass over a whole text (see buildLiteralScanner.scan). */
export const flagRedactionLines = (text: string, flags: Uint8Array, ends: Int32Array): number => scanner.scan(text, flags, ends);
const stamp = new Int32Array(steps.length);
let generation = 0;

const replaceAll = (text: string, value: string, replacement: string): string => text.split(value).join(replacement);

const runRule = (text: string, rule: SecretRule, record: Recorder): string => {
  rule.pattern.lastIndex = 0;
  if (!rule.pattern.test(text)) return text;
  rule.pattern.lastIndex = 0;
  return text.replace(rule.pattern, (match: string, ...groups: unknown[]) => {
    const secret = rule.group === undefined ? match : groups[rule.group - 1];
    if (typeof secret !== 'string' || secret === '' || secret.includes('[REDACTED')) return match;
    const bare = secret.replace(/^['"]|['"]$/g, '');
    if (rule.group !== undefined && isHarmlessValue(bare)) return match;
    if (rule.accept && !rule.accept(secret, match)) return match;
    record(rule.kind);
    if (rule.group === undefined) return mask(rule.kind);
    const at = match.endsWith(secret) ? match.length - secret.length : match.lastIndexOf(secret);
    return match.slice(0, at) + mask(rule.kind) + match.slice(at + secret.length);
  });
};

/** Runs every rule whose hint occurs in `text`; stateless, so decoded payloads can be checked with it too. */
const applyRules = (text: string, record: Recorder, depth: number): string => {
  generation += 1;
  const selected: number[] = [];
  scanner.forEachLiteral(text, (literal) => {
    for (const step of stepsOfLiteral[literal] ?? []) {
      if (stamp[step] === generation) continue;
      stamp[step] = generation;
      selected.push(step);
    }
  });
  if (selected.length === 0) return text;
  selected.sort((a, b) => a - b);
  let out = text;
  for (const index of selected) {
    const step = steps[index]?.step;
    if (!step) continue;
    if (step.kind === 'vendor') {
      for (const value of vendor.scan(out, step.index)) {
        if (!out.includes(value)) continue;
        record(vendor.rules[step.index]?.kind ?? 'secret_assignment');
        out = replaceAll(out, value, mask(vendor.rules[step.index]?.kind ?? 'secret_assignment'));
      }
    } else if (step.kind === 'rule') {
      if (depth > 0 && step.rule.kind === 'email') continue;
      out = runRule(out, step.rule, record);
    } else if (step.kind === 'url') {
      out = redactUrlCredentials(out, record);
    } else {
      out = redactAssignments(out, record);
      out = redactEntropy(out, record, (decoded) => depth < MAX_DEPTH && detect(decoded, depth + 1));
    }
  }
  return out;
};

detect = (text: string, depth: number): boolean => {
  if (depth > MAX_DEPTH) return false;
  let found = false;
  applyRules(text, () => {
    found = true;
  }, depth);
  return found;
};

// Colour codes (SGR) are nearly all the escape sequences a CI log holds: a plain replace removes them, and only
// what remains goes through the full terminal-sequence stripper.
const sgr = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const stripControls = (text: string): string => {
  const plain = text.replace(sgr, '');
  return plain.includes('\x1b') || plain.includes('\x9b') ? stripVTControlCharacters(plain) : plain;
};

const decodeCommand = (value: string): string => value.replace(/%(?:25|0D|0A|3A|2C)/gi, (code) => commandEscapes[code.toUpperCase()] ?? code);

export const createRedactor = (options: RedactorOptions = {}): Redactor => {
  const kept: Redaction[] = [];
  const masks = createMaskSet();
  for (const secret of options.secrets ?? []) masks.add(secret);
  let total = 0;
  let keyLines = 0;
  let dataIndent = -1;
  let namedValue = false;

  const recordAt = (line: number): Recorder => (kind) => {
    total += 1;
    if (kept.length < MAX_KEPT) kept.push({ kind, line });
  };

  const registerMask = (view: string): void => {
    const raw = addMask.exec(view)?.[1] ?? '';
    for (const part of decodeCommand(raw).split(/\r?\n/)) {
      const value = part.trim().replace(/^(['"])(.*)\1$/, '$2').replace(/["']$/, '');
      if (!isHarmlessValue(value)) masks.add(value);
    }
  };

  const redactLine = (text: string, line: number): string => {
    const record = recordAt(line);
    // Colour codes can split a token (`\e[32mghp_...`): match on the plain text. A line that needed redacting
    // loses its colours; every other line is returned as it came.
    const view = text.includes('\x1b') || text.includes('\x9b') ? stripControls(text) : text;
    if (view.includes('::add-mask::')) registerMask(view);
    let out = view;
    if (masks.size() > 0) {
      const masked = masks.apply(out, mask('masked_value'));
      for (let i = 0; i < masked.replaced; i++) record('masked_value');
      out = masked.text;
    }
    if (keyLines > 0) {
      const step = continueKeyBlock(out, mask('private_key'));
      if ('redacted' in step) {
        record('private_key');
        keyLines = step.done || keyLines >= MAX_KEY_BLOCK_LINES ? 0 : keyLines + 1;
        return step.redacted;
      }
      keyLines = 0;
    }
    if (dataIndent >= 0) {
      const next = continueDataBlock(out, dataIndent, mask('k8s_secret_data'));
      if (next === null) dataIndent = -1;
      else if (next !== out) {
        record('k8s_secret_data');
        return next;
      }
    }
    if (namedValue) {
      namedValue = false;
      const { prefix, body } = splitPrefix(out);
      const entry = valueEntry.exec(body);
      if (entry && !isHarmlessValue(entry[3] ?? '') && !(entry[3] ?? '').includes('[REDACTED')) {
        record('secret_assignment');
        return prefix + body.replace(valueEntry, `$1$2${mask('secret_assignment')}$4`);
      }
    }
    out = applyRules(out, record, 0);
    // State for the lines below; the cheap includes() keep the regexes off most lines.
    if (view.includes('name')) {
      const named = nameEntry.exec(splitPrefix(view).body);
      if (named && isSensitiveName(named[1] ?? '')) namedValue = true;
    }
    if (view.includes('PRIVATE KEY') && blockStart.test(view) && !blockEnd.test(view)) keyLines = 1;
    if (view.includes('ata')) {
      const indent = startsDataBlock(view);
      if (indent >= 0) dataIndent = indent;
    }
    return out === view ? text : out;
  };

  return {
    redactLine,
    redactions: () => kept,
    count: () => total,
    pending: () => keyLines > 0 || dataIndent >= 0 || namedValue || masks.size() > 0,
  };
};
