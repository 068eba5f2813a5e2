import { prepareTestPlan } from '../execution/prepare-test-plan.ts';
import { analyzeFlakiness, type AnalyzeFlakinessOptions, type FlakinessReport } from './analyze-flakiness.ts';
import { compareCommitVerdicts } from './compare-commit-verdicts.ts';
import type { CommitVerdict, PatchVerdict } from './flakiness-types.ts';

export type PatchTestVerdict = { name: string; original: CommitVerdict | null; patched: CommitVerdict | null; verdict: PatchVerdict };

export type AnalyzePatchOptions = Omit<AnalyzeFlakinessOptions, 'repoDir' | 'plan'> & {
  originalDir: string;
  patchedDir: string;
  /** Test command override; otherwise each checkout's workflow step / project command. */
  command?: string;
  /** The tests CI reported failing; default: every test not passing on the original commit. */
  failingTests?: string[];
};

export type PatchReport = { tests: PatchTestVerdict[]; original: FlakinessReport; patched: FlakinessReport };

/**
 * Runs the same reruns on the original and the patched checkout and judges each failing test: fixed,
 * still_failing, flaky, or not_reproduced (passes on the original here: environment or infrastructure).
 */
export const analyzePatch = async (options: AnalyzePatchOptions): Promise<PatchReport> => {
  const { originalDir, patchedDir, command, failingTests, ...shared } = options;
  const original = await analyzeFlakiness({ ...shared, repoDir: originalDir, plan: await prepareTestPlan({ repoDir: originalDir, command }) });
  const patched = await analyzeFlakiness({ ...shared, repoDir: patchedDir, plan: await prepareTestPlan({ repoDir: patchedDir, command }) });
  const verdictIn = (report: FlakinessReport, name: string): CommitVerdict | null => report.tests.find((test) => test.name === name)?.verdict ?? null;
  const names = failingTests ?? original.tests.filter((test) => test.verdict !== 'pass').map((test) => test.name);
  const tests = names.map((name) => {
    const before = verdictIn(original, name);
    const after = verdictIn(patched, name);
    // A CI failure that we cannot even see on the original commit was not reproduced, whatever the patch does.
    return { name, original: before, patched: after, verdict: compareCommitVerdicts({ original: before ?? 'pass', patched: after }) };
  });
  return { tests, original, patched };
};
