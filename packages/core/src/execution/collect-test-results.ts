import { parseJestJson } from './parse-jest-json.ts';
import { parseJunitXml } from './parse-junit-xml.ts';
import { parseTap } from './parse-tap.ts';
import { parseTestLog } from './parse-test-log.ts';
import type { CollectedFile } from './sandbox-types.ts';
import type { ParsedResults, TestCaseResult } from './test-result-types.ts';

export type CollectTestResultsOptions = { files: CollectedFile[]; stdout: string; stderr: string };

const tapMarker = /^TAP version \d+|^\s*(?:not )?ok \d+ - /m;

const tryParse = (parse: () => TestCaseResult[]): TestCaseResult[] => {
  try {
    return parse();
  } catch {
    // Truncated or foreign file: fall through to the next source.
    return [];
  }
};

/**
 * Best available structured source first: JUnit / jest JSON files, then TAP on stdout, then log patterns.
 * Tests repeated across report files (surefire writes one per class) are kept once.
 */
export const collectTestResults = (options: CollectTestResultsOptions): ParsedResults => {
  const fromFiles: TestCaseResult[] = [];
  let fileSource: ParsedResults['source'] = 'none';
  for (const file of options.files) {
    if (file.path.endsWith('.xml') && file.content.includes('<testsuite')) {
      const tests = tryParse(() => parseJunitXml({ xml: file.content }));
      if (tests.length > 0) fileSource = 'junit';
      fromFiles.push(...tests);
    } else if (file.path.endsWith('.json')) {
      const tests = tryParse(() => parseJestJson({ json: file.content }));
      if (tests.length > 0) fileSource = 'jest-json';
      fromFiles.push(...tests);
    }
  }
  if (fromFiles.length > 0) return { source: fileSource, tests: dedupe(fromFiles) };
  if (tapMarker.test(options.stdout)) {
    const tests = tryParse(() => parseTap({ text: options.stdout }));
    if (tests.length > 0) return { source: 'tap', tests: dedupe(tests) };
  }
  const tests = parseTestLog({ text: `${options.stdout}\n${options.stderr}` });
  return { source: tests.length > 0 ? 'log' : 'none', tests };
};

const dedupe = (tests: TestCaseResult[]): TestCaseResult[] => {
  const seen = new Map<string, TestCaseResult>();
  for (const test of tests) {
    const key = `${test.file ?? ''}\u0000${test.name}`;
    if (!seen.has(key)) seen.set(key, test);
  }
  return [...seen.values()];
};
