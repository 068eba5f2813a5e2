import { z } from 'zod';
import { computeFailureSignature } from './compute-failure-signature.ts';
import { relativizePath } from './relativize-path.ts';
import { joinTestName, type TestCaseResult, type TestOutcome } from './test-result-types.ts';

export type ParseJestJsonOptions = { json: string; workspaceRoot?: string };

const assertionSchema = z.object({
  ancestorTitles: z.array(z.string()).default([]),
  title: z.string(),
  status: z.string(),
  duration: z.number().nullish(),
  failureMessages: z.array(z.string()).nullish(),
});
const reportSchema = z.object({
  testResults: z.array(
    z.object({
      name: z.string(),
      message: z.string().nullish(),
      status: z.string().nullish(),
      assertionResults: z.array(assertionSchema).default([]),
    }),
  ),
});

const outcomeOf = (status: string): TestOutcome => {
  if (status === 'passed') return 'pass';
  if (status === 'failed') return 'fail';
  return 'skip';
};

/** jest --json and vitest's json reporter (same shape). A file that failed to load becomes one failing entry. */
export const parseJestJson = (options: ParseJestJsonOptions): TestCaseResult[] => {
  const report = reportSchema.parse(JSON.parse(options.json));
  const tests: TestCaseResult[] = [];
  for (const file of report.testResults) {
    const path = relativizePath({ path: file.name, root: options.workspaceRoot });
    for (const assertion of file.assertionResults) {
      const outcome = outcomeOf(assertion.status);
      const message = assertion.failureMessages?.join('\n') || null;
      const isTimeout = outcome === 'fail' && /Exceeded timeout|timed out/i.test(message ?? '');
      tests.push({
        name: joinTestName([...assertion.ancestorTitles, assertion.title]),
        file: path,
        outcome: isTimeout ? 'timeout' : outcome,
        durationMs: assertion.duration ?? null,
        failureMessage: outcome === 'fail' ? message : null,
        signature: outcome === 'fail' ? computeFailureSignature({ message: message ?? '' }) : null,
      });
    }
    if (file.assertionResults.length === 0 && file.status === 'failed') {
      const message = file.message ?? 'test file failed to run';
      tests.push({ name: path, file: path, outcome: 'fail', durationMs: null, failureMessage: message, signature: computeFailureSignature({ message }) });
    }
  }
  return tests;
};
