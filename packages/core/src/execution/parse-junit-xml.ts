import { XMLParser } from 'fast-xml-parser';
import { computeFailureSignature } from './compute-failure-signature.ts';
import { relativizePath } from './relativize-path.ts';
import { joinTestName, type TestCaseResult, type TestOutcome } from './test-result-types.ts';

export type ParseJunitXmlOptions = { xml: string; workspaceRoot?: string };

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseAttributeValue: false,
  parseTagValue: false,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
});

const attr = (node: XmlNode, name: string): string | null => {
  const value = node[`@_${name}`];
  return typeof value === 'string' && value.length > 0 ? value : null;
};
const list = (node: XmlNode, name: string): XmlNode[] => (Array.isArray(node[name]) ? (node[name] as XmlNode[]) : []);
const text = (node: XmlNode): string => (typeof node['#text'] === 'string' ? node['#text'] : '');
const looksLikePath = (value: string): boolean => /[\\/]/.test(value) || /\.(?:[cm]?[jt]sx?|py|rs|go|java|kt)$/.test(value);
const timeoutPattern = /\btim(?:ed|e)[ -]?out\b/i;

/**
 * JUnit XML as pytest, surefire, vitest, jest-junit and node emit it. Suite names join the title with " > "; a
 * suite or classname that is really a file path becomes the file instead, and a classname repeating its suite
 * name is used once.
 */
export const parseJunitXml = (options: ParseJunitXmlOptions): TestCaseResult[] => {
  const document = parser.parse(options.xml) as XmlNode;
  const tests: TestCaseResult[] = [];
  const root = (document.testsuites as XmlNode | undefined) ?? document;
  const walk = (suite: XmlNode, names: string[], file: string | null): void => {
    const suiteName = attr(suite, 'name');
    const suiteFile = attr(suite, 'file') ?? (suiteName && looksLikePath(suiteName) ? suiteName : null) ?? file;
    const path = suiteName && !looksLikePath(suiteName) ? [...names, suiteName] : names;
    for (const testcase of list(suite, 'testcase')) tests.push(toResult(testcase, path, suiteFile, options.workspaceRoot));
    for (const child of list(suite, 'testsuite')) walk(child, path, suiteFile);
  };
  for (const suite of list(root, 'testsuite')) walk(suite, [], null);
  if (root !== document) for (const testcase of list(root, 'testcase')) tests.push(toResult(testcase, [], null, options.workspaceRoot));
  return tests;
};

const toResult = (testcase: XmlNode, suites: string[], suiteFile: string | null, workspaceRoot: string | undefined): TestCaseResult => {
  const classname = attr(testcase, 'classname');
  const classIsPath = classname !== null && looksLikePath(classname);
  const parts = [...suites];
  if (classname && !classIsPath && classname !== suites[suites.length - 1]) parts.push(classname);
  const fileValue = attr(testcase, 'file') ?? suiteFile ?? (classIsPath ? classname : null);
  const problems = [...list(testcase, 'failure'), ...list(testcase, 'error')];
  const skipped = list(testcase, 'skipped').length > 0 || testcase.skipped === '';
  const first = problems[0];
  const message = first ? [attr(first, 'message'), text(first).trim()].filter(Boolean).join('\n') : null;
  const isTimeout = first !== undefined && timeoutPattern.test(`${attr(first, 'type') ?? ''} ${message ?? ''}`);
  const outcome: TestOutcome = first ? (isTimeout ? 'timeout' : 'fail') : skipped ? 'skip' : 'pass';
  const seconds = Number(attr(testcase, 'time'));
  return {
    name: joinTestName([...parts, attr(testcase, 'name') ?? '(unnamed)']),
    file: fileValue ? relativizePath({ path: fileValue, root: workspaceRoot }) : null,
    outcome,
    durationMs: Number.isFinite(seconds) && attr(testcase, 'time') !== null ? Math.round(seconds * 1000) : null,
    failureMessage: message,
    signature: first ? computeFailureSignature({ message: attr(first, 'message') ?? message ?? '' }) : null,
  };
};
