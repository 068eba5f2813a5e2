import { stripVTControlCharacters } from 'node:util';
import { normalizeFailureText } from '../execution/compute-failure-signature.ts';
import { sandboxWorkspacePath } from '../execution/sandbox-types.ts';

/**
 * One error a check reported, without its line and column: `src/a.ts: TS2307 Cannot find module 'x'`. Line
 * numbers are left out on purpose, so a patch that shifts lines in a file does not turn old errors into new ones.
 */
export type ErrorSignature = string;

const message = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, 200);

// Summary lines repeat a count ("due to 2 previous errors"), which changes whenever any error is fixed.
const summary =
  /could not compile|aborting due to|previous errors?|warnings? emitted|^Found \d+ errors?|Code style issues found|problems? \(|^npm (?:ERR!|error)|Process completed with exit code|^error: (?:Recipe|command failed)|ELIFECYCLE|^\s*at\s/i;

type Matcher = (line: string, state: { file: string | null; pending: string | null }) => string | null;

const matchers: Matcher[] = [
  // tsc: src/a.ts(3,4): error TS2307: msg
  (line) => {
    const m = /^(\S.*?)\(\d+,\d+\): (?:error|warning) (TS\d+): (.*)$/.exec(line);
    return m ? `${m[1]}: ${m[2]} ${message(m[3] ?? '')}` : null;
  },
  // tsc --pretty: src/a.ts:3:4 - error TS2307: msg
  (line) => {
    const m = /^(\S+?):\d+:\d+ - (?:error|warning) (TS\d+): (.*)$/.exec(line);
    return m ? `${m[1]}: ${m[2]} ${message(m[3] ?? '')}` : null;
  },
  // rustc: "error[E0425]: msg" then "  --> src/lib.rs:3:5"
  (line, state) => {
    const head = /^(?:error|warning)(?:\[(\w+)\])?: (.*)$/.exec(line);
    if (head) {
      state.pending = `${head[1] ? `${head[1]} ` : ''}${message(head[2] ?? '')}`;
      return null;
    }
    const at = /^\s*--> (\S+?):\d+:\d+/.exec(line);
    if (at && state.pending) {
      const found = `${at[1]}: ${state.pending}`;
      state.pending = null;
      return found;
    }
    return null;
  },
  // ESLint stylish: a file header line, then "  3:7  error  msg  rule"
  (line, state) => {
    if (/^(?:\/|\.{0,2}\/?[\w@-][\w@./-]*\.\w+$)/.test(line) && !/\s/.test(line)) {
      state.file = line;
      return null;
    }
    const m = /^\s+\d+:\d+\s+(?:error|warning)\s+(.*?)(?:\s{2,}(\S+))?$/.exec(line);
    if (!m || !state.file) return null;
    return `${state.file}: ${[m[2], message(m[1] ?? '')].filter(Boolean).join(' ')}`;
  },
  // Prettier --check: [warn] src/a.js
  (line) => {
    const m = /^\[(?:warn|error)\] (\S+\.\w+)$/.exec(line);
    return m ? `${m[1]}: not formatted` : null;
  },
  // go, gcc, eslint unix, ruff, mypy and most others: path:line[:col]: msg
  (line) => {
    const m = /^(\.{0,2}\/?[\w@.+-][\w@.+/-]*\.\w{1,6}):\d+(?::\d+)?:?\s+(.*)$/.exec(line);
    return m && (m[2] ?? '').length > 0 ? `${m[1]}: ${message(m[2] ?? '')}` : null;
  },
];

const relativize = (line: string, dir: string | undefined): string => {
  let result = line;
  for (const prefix of [dir, sandboxWorkspacePath])
    if (prefix) result = result.replaceAll(`${prefix}/`, '');
  return result.replace(/(^|\s)\.\//g, '$1');
};

/**
 * The errors a failed check printed, as signatures without line numbers (a multiset: the same error twice
 * counts twice). Output in no known format falls back to its error-looking lines, numbers normalised.
 */
export const extractErrorSignatures = (options: { output: string; dir?: string }): ErrorSignature[] => {
  const state = { file: null as string | null, pending: null as string | null };
  const found: ErrorSignature[] = [];
  const fallback: ErrorSignature[] = [];
  for (const raw of stripVTControlCharacters(options.output).split('\n')) {
    const line = relativize(raw.replace(/\s+$/, ''), options.dir);
    if (line.trim().length === 0 || summary.test(line.trim())) continue;
    let signature: string | null = null;
    for (const matcher of matchers) {
      signature = matcher(line, state);
      if (signature) break;
    }
    if (signature) found.push(signature);
    else if (/\b(?:error|fail(?:ed|ure)?|panic(?:ked)?|exception|cannot|undefined)\b/i.test(line))
      fallback.push(message(normalizeFailureText(line)));
  }
  return found.length > 0 ? found : fallback;
};

/** Multiset difference: the items of `from` left after removing one occurrence per item of `remove`. */
export const subtractSignatures = (
  from: readonly ErrorSignature[],
  remove: readonly ErrorSignature[],
): ErrorSignature[] => {
  const left = new Map<string, number>();
  for (const item of remove) left.set(item, (left.get(item) ?? 0) + 1);
  const result: ErrorSignature[] = [];
  for (const item of from) {
    const count = left.get(item) ?? 0;
    if (count > 0) left.set(item, count - 1);
    else result.push(item);
  }
  return result;
};
