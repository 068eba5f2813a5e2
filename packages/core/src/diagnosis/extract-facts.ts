import type { RegionLine } from './candidate-region.ts';
import type { FailingTest, FileRef } from './diagnosis-result.ts';
import { matchBarePath, sourcePath } from './match-bare-path.ts';

export type ExtractedFacts = { files: FileRef[]; errorCodes: string[]; failingTests: FailingTest[] };

const MAX_FILES = 20;
const MAX_CODES = 20;
const MAX_TESTS = 30;
const MAX_LINES = 150;

const path = sourcePath;
const fileLocations: RegExp[] = [
  new RegExp(`${path}:\\[(\\d+),(\\d+)\\]`, 'g'), // maven: Foo.java:[10,5]
  new RegExp(`${path}\\((\\d+),(\\d+)\\)`, 'g'), // tsc, msbuild: a.ts(10,5)
  new RegExp(`${path}:(\\d+)(?::(\\d+))?`, 'g'), // gcc, go, rust, eslint, mypy: a.c:10:5
  new RegExp(`File "${path}", line (\\d+)`, 'g'), // python tracebacks
  new RegExp(`${path} on line (\\d+)`, 'g'), // php
  new RegExp(`${path}: line (\\d+), col (\\d+), `, 'g'), // eslint --format compact
];
// Paths that belong to the toolchain, not to the project under test.
const foreignPath = /(?:^|\/)(?:node_modules|site-packages|dist-packages|\.cargo\/registry|\.rustup|go\/pkg\/mod|\.m2\/repository|\.gradle\/caches|internal\/(?:modules|process|main)|usr\/(?:lib|share|include)|\.pyenv|hostedtoolcache|rustc\/[0-9a-f]{20,})\//;
const workspacePrefix = /^(?:\/home\/runner\/work\/[^/]+\/[^/]+\/|\/home\/travis\/build\/[^/]+\/[^/]+\/|\/Users\/travis\/build\/[^/]+\/[^/]+\/|\/builds\/[^/]+\/[^/]+\/|\/github\/workspace\/|\/__w\/[^/]+\/[^/]+\/|[A-Za-z]:\\a\\[^\\]+\\[^\\]+\\|\/(?:app|src|work|workspace|code)\/)/;

// ESLint's stylish format: a file header line, then one indented `line:column  severity  message  rule` per problem.
const stylishProblem = /^\s+(\d+):(\d+)\s+(?:error|warning)\s+\S/;

// [literal the line must contain, pattern]: the literal keeps the regexes off lines that cannot match.
const errorCodePatterns: [string, RegExp][] = [
  ['TS', /\b(TS\d{4,5})\b/g],
  ['error[', /\berror\[(E\d{4})\]/g],
  [': error ', /\b((?:CS|FS|BC|NU|MSB|CA|IDE)\d{4})\b/g],
  ['.py', /^\s*[\w./\\-]+\.pyi?:\d+:\d+: ([A-Z]{1,3}\d{3,4})\b/g],
  ['npm ', /^npm (?:ERR!|error) code (E[A-Z0-9]+)/g],
  ['ERR_PNPM_', /\b(ERR_PNPM_[A-Z_]+)/g],
  ['YN', /\b(YN\d{4})\b/g],
  [' error ', /^\s+\d+:\d+\s+error\s+.*?\s{2,}(@?[\w-]+(?:\/[\w-]+)*)\s*$/g], // eslint rule id at the end of a stylish line
  [']', /\[([a-z]+(?:-[a-z]+)+)\]\s*$/g], // mypy error codes: [arg-type]
  ['E', /\b(ECONNRESET|ECONNREFUSED|ECONNABORTED|ETIMEDOUT|ESOCKETTIMEDOUT|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EACCES|EPERM|ENOENT|EEXIST|ENOSPC|ENOMEM|EMFILE|EADDRINUSE|EPIPE|EISDIR|ENOTDIR|ENOTEMPTY|EBUSY)\b/g], // errno codes
];

const testPatterns: RegExp[] = [
  /^\s*● (?!Console\b)(.+?)\s*$/,
  /^\s*[×✕✗]\s+(.+?)(?:\s+\d+\s?ms)?\s*$/,
  /^\s*(?:--- )?FAIL: (\S+)/,
  /^(?:FAILED|ERROR) ([\w./\\-]+\.py::\S+)/,
  /^_{3,} (?:ERROR at \w+ of )?(\S.*?) _{3,}$/,
  /^(?:FAIL|ERROR): (\w+ \([\w.]+\))/,
  /^\[ERROR\]\s+(\w[\w$]*\.\w+)(?::\d+)?\s/,
  /^(?:\[ERROR\] )?(\w+\([\w.$]+\))\s+Time elapsed.*<<< (?:FAILURE|ERROR)!/,
  /^\s*([\w.$]+ > .+?) FAILED\s*$/,
  /^---- (\S+) stdout ----$/,
  /^test (\S+) \.\.\. FAILED$/,
  /^\s*not ok \d+ -? ?(.+?)\s*$/,
  /^\s*Failed ([\w.]+(?:\(.*?\))?) \[/,
  /^rspec \.\/(\S+:\d+) # (.+)$/,
  /^\s*\d+\) (test .+ \([\w.]+\))\s*$/,
  /^\[info\] - (.+?) \*\*\* FAILED \*\*\*/,
  /^(?:FAIL|ERROR) in \((\S+)\)/,
  /Test Case '(.+?)' failed/,
  /^#\s+Failed test '(.+?)'/,
];
const assertionMessage = /(AssertionError.*|Assertion\w*Error.*|expected.*(?:but|to|got|received).*|Expected:.*|Failed asserting.*|assert .*|Error: .*|E\s{2,}(.*)|panicked at.*|\w+Error: .*)/i;

const normalizePath = (raw: string): string => raw.replace(/\\/g, '/').replace(workspacePrefix, '').replace(/^\.\//, '');

/** Pulls structured facts (files with positions, error codes, failing tests) out of the evidence lines. */
export const extractFacts = (options: { lines: readonly RegionLine[]; testHeaders?: readonly RegionLine[] }): ExtractedFacts => {
  const files = new Map<string, FileRef>();
  const codes = new Set<string>();
  const tests = new Map<string, FailingTest>();
  // The first lines of the evidence carry the facts; bounding them keeps this linear in nothing but a constant.
  const lines = options.lines.slice(0, MAX_LINES);

  // The file the last path-only line named: ESLint's stylish problems below it belong to it.
  let header: string | null = null;
  for (const [index, entry] of lines.entries()) {
    const text = entry.text;
    if (files.size < MAX_FILES && /\.\w/.test(text)) {
      for (const pattern of fileLocations) {
        pattern.lastIndex = 0;
        for (const match of text.matchAll(pattern)) {
          const raw = match[1] ?? '';
          if (raw.includes('://') || foreignPath.test(raw.replace(/\\/g, '/')) || /^\d/.test(raw)) continue;
          const filePath = normalizePath(raw);
          if (filePath.length < 3 || files.has(`${filePath}:${match[2] ?? ''}`)) continue;
          const line = match[2] ? Number(match[2]) : undefined;
          const column = match[3] ? Number(match[3]) : undefined;
          files.set(`${filePath}:${match[2] ?? ''}`, { path: filePath, ...(line ? { line } : {}), ...(column ? { column } : {}) });
        }
      }
    }
    const bare = matchBarePath({ text });
    if (bare) {
      header = foreignPath.test(bare.replace(/\\/g, '/')) ? null : normalizePath(bare);
      if (header && files.size < MAX_FILES && !files.has(`${header}:`)) files.set(`${header}:`, { path: header });
    } else if (header) {
      const problem = stylishProblem.exec(text);
      if (problem) addStylishProblem(files, header, problem);
      // An unindented line ends the file's block (ESLint's "✖ 3 problems" summary, the next tool's output).
      else if (!/^\s/.test(text)) header = null;
    }
    if (codes.size < MAX_CODES) {
      for (const [hint, pattern] of errorCodePatterns) {
        if (!text.includes(hint)) continue;
        pattern.lastIndex = 0;
        for (const match of text.matchAll(pattern)) if (match[1]) codes.add(match[1]);
      }
    }
    if (tests.size < MAX_TESTS && entry.score && entry.score.role === 'header') addTest(tests, text, lines.slice(index + 1, index + 12));
  }
  for (const header of options.testHeaders ?? []) {
    if (tests.size >= MAX_TESTS) break;
    addTest(tests, header.text, []);
  }
  return { files: [...files.values()], errorCodes: [...codes], failingTests: [...tests.values()] };
};

const addStylishProblem = (files: Map<string, FileRef>, header: string, problem: RegExpExecArray): void => {
  const key = `${header}:${problem[1]}`;
  if (files.has(key)) return;
  // The located entry replaces the header's bare one, so it never costs a slot of its own.
  const replacing = files.delete(`${header}:`);
  if (!replacing && files.size >= MAX_FILES) return;
  files.set(key, { path: header, line: Number(problem[1]), column: Number(problem[2]) });
};

const addTest = (tests: Map<string, FailingTest>, text: string, following: readonly RegionLine[]): void => {
  for (const pattern of testPatterns) {
    const match = pattern.exec(text);
    if (!match) continue;
    const name = (match[2] ? `${match[2]} (${match[1]})` : match[1] ?? '').trim();
    if (!name || tests.has(name)) return;
    const messageLine = following.find((line) => assertionMessage.test(line.text));
    const message = messageLine?.text.trim().replace(/^E\s+/, '').slice(0, 300);
    tests.set(name, { name: name.slice(0, 300), ...(message ? { message } : {}) });
    return;
  }
};
