import { parse as parseYaml } from 'yaml';
import { computeFailureSignature } from './compute-failure-signature.ts';
import { relativizePath } from './relativize-path.ts';
import { joinTestName, type TestCaseResult, type TestOutcome } from './test-result-types.ts';

export type ParseTapOptions = { text: string; workspaceRoot?: string };

type TapNode = {
  indent: number;
  ok: boolean;
  title: string;
  directive: 'skip' | 'todo' | null;
  diag: Record<string, unknown>;
  children: TapNode[];
};

const resultLine = /^(\s*)(not ok|ok)\b(?:\s+\d+)?(?:\s+-)?\s*(.*)$/;

const splitDirective = (rest: string): { title: string; directive: TapNode['directive'] } => {
  const match = /\s+#\s+(SKIP|TODO)\b.*$/i.exec(rest) ?? /^#\s+(SKIP|TODO)\b.*$/i.exec(rest);
  const title = (match ? rest.slice(0, match.index) : rest).replace(/\\#/g, '#').trim();
  return { title, directive: match ? (match[1]?.toLowerCase() === 'skip' ? 'skip' : 'todo') : null };
};

const readDiagnostics = (lines: string[], start: number): { diag: Record<string, unknown>; next: number } => {
  const open = lines[start];
  if (open?.trim() !== '---') return { diag: {}, next: start };
  const indent = open.length - open.trimStart().length;
  const body: string[] = [];
  let index = start + 1;
  for (; index < lines.length && lines[index]?.trim() !== '...'; index += 1) body.push((lines[index] ?? '').slice(indent));
  let diag: Record<string, unknown> = {};
  try {
    const parsed: unknown = parseYaml(body.join('\n'));
    if (parsed && typeof parsed === 'object') diag = parsed as Record<string, unknown>;
  } catch {
    // A truncated block (run killed mid-write) still leaves a usable ok/not ok line.
  }
  return { diag, next: index + 1 };
};

/**
 * TAP 13/14 with indented subtests, as node --test emits it. Results nest by indentation: a result line owns the
 * deeper results printed before it. Only leaves become tests; suites contribute their names.
 */
export const parseTap = (options: ParseTapOptions): TestCaseResult[] => {
  const lines = options.text.split(/\r?\n/);
  const stack: TapNode[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const match = resultLine.exec(lines[index] ?? '');
    if (!match) continue;
    const { title, directive } = splitDirective(match[3] ?? '');
    const { diag, next } = readDiagnostics(lines, index + 1);
    index = next - 1;
    const indent = match[1]?.length ?? 0;
    const children: TapNode[] = [];
    while (stack.length > 0 && (stack[stack.length - 1]?.indent ?? 0) > indent) children.unshift(stack.pop() as TapNode);
    stack.push({ indent, ok: match[2] === 'ok', title, directive, diag, children });
  }
  const tests: TestCaseResult[] = [];
  const walk = (node: TapNode, path: string[], inheritedFile: string | null): void => {
    const location = typeof node.diag.location === 'string' ? relativizePath({ path: node.diag.location, root: options.workspaceRoot }) : null;
    const isFileEntry = path.length === 0 && node.title.startsWith('/');
    const title = isFileEntry ? relativizePath({ path: node.title, root: options.workspaceRoot }) : node.title;
    const file = location ?? (isFileEntry ? title : inheritedFile);
    if (node.children.length > 0) {
      for (const child of node.children) walk(child, [...path, title], file);
      return;
    }
    if (node.diag.type === 'suite') return;
    tests.push(toResult(node, joinTestName([...path, title]), file));
  };
  for (const node of stack) walk(node, [], null);
  return tests;
};

const toResult = (node: TapNode, name: string, file: string | null): TestCaseResult => {
  const failureType = typeof node.diag.failureType === 'string' ? node.diag.failureType : null;
  const outcome: TestOutcome = node.directive ? 'skip' : node.ok ? 'pass' : failureType === 'testTimeoutFailure' ? 'timeout' : 'fail';
  const error = typeof node.diag.error === 'string' ? node.diag.error : node.ok ? null : 'failed';
  const stack = typeof node.diag.stack === 'string' ? node.diag.stack : null;
  const duration = typeof node.diag.duration_ms === 'number' ? node.diag.duration_ms : null;
  const failed = outcome === 'fail' || outcome === 'timeout';
  return {
    name,
    file,
    outcome,
    durationMs: duration,
    failureMessage: failed ? [error, stack].filter(Boolean).join('\n') : null,
    signature: failed ? computeFailureSignature({ message: error ?? '' }) : null,
  };
};
