// Applies the selected patch to a fresh clone of the failing commit and reruns the failing step N times:
// only tests that failed before and now pass reliably count as fixed.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import { simpleGit } from 'simple-git';
import { applyDiffToRepo } from '@suture/core/patching/apply-diff-to-repo';
import { compareCommitVerdicts } from '@suture/core/flakiness/compare-commit-verdicts';
import type { CommitVerdict } from '@suture/core/flakiness/flakiness-types';
import type { HealingDeps } from './deps.ts';
import { ensureCheckout, loadRun, runDir } from './checkout.ts';
import { runTestAnalysis } from './run-test-analysis.ts';
import type { RunRef, VerifyResult } from './types.ts';

export const preparePatchedCheckout = async (deps: HealingDeps, healingRunId: string) => {
  const run = await loadRun(deps, healingRunId);
  const original = await ensureCheckout(deps, run);
  const attempt = await deps.db.patchAttempt.findFirst({ where: { healingRunId, selected: true } });
  if (!attempt) throw ApplicationFailure.nonRetryable('no selected patch to verify', 'BusinessRejection');
  const dir = join(runDir(deps, run.id), 'patched');
  await rm(dir, { recursive: true, force: true });
  await simpleGit().clone(original, dir, ['--quiet', '--no-hardlinks']);
  await simpleGit(dir).raw(['checkout', '--quiet', '--detach', run.failureEvent.headSha]);
  await applyDiffToRepo({ repoDir: dir, diff: attempt.diff });
  return { run, dir, attempt };
};

export const verifyPatch = async (
  deps: HealingDeps,
  input: RunRef & { runs: number },
): Promise<VerifyResult> => {
  const { run, dir, attempt } = await preparePatchedCheckout(deps, input.healingRunId);
  const report = await runTestAnalysis({
    deps,
    run,
    repoDir: dir,
    phase: 'patched',
    runs: input.runs,
    patchAttemptId: attempt.id,
  });
  const before = await deps.db.testVerdict.findMany({
    where: { healingRunId: run.id, scope: 'original', verdict: { in: ['fail', 'timeout', 'flaky'] } },
  });
  const after = new Map(report.tests.map((t) => [t.name, t]));
  const comparisons = before.map((test) => {
    const patched = after.get(test.name) ?? null;
    return {
      test,
      patched,
      verdict: compareCommitVerdicts({
        original: test.verdict as CommitVerdict,
        patched: patched?.verdict ?? null,
      }),
    };
  });
  for (const { test, patched, verdict } of comparisons) {
    const data = {
      file: test.file,
      verdict,
      runs: patched?.runs ?? 0,
      failures: patched?.failures ?? 0,
      failureRate: patched?.failureRate ?? 1,
      intervalLow: patched?.interval[0] ?? 0,
      intervalHigh: patched?.interval[1] ?? 1,
      reason: patched ? patched.summary : 'missing after the patch (a deleted test is not a fix)',
    };
    await deps.db.testVerdict.upsert({
      where: { healingRunId_scope_name: { healingRunId: run.id, scope: 'comparison', name: test.name } },
      update: data,
      create: { healingRunId: run.id, scope: 'comparison', name: test.name, ...data },
    });
  }
  const runs = report.runs.filter((r) => r.kind === 'suite').length;
  if (comparisons.length === 0)
    return { verdict: 'still_failing', detail: 'nothing failed on the original commit to verify against' };
  const notFixed = comparisons.filter((c) => c.verdict !== 'fixed');
  if (notFixed.length === 0)
    return {
      verdict: 'fixed',
      detail: `${comparisons.length} failing test(s) pass on all ${runs} runs with the patch`,
    };
  if (notFixed.some((c) => c.verdict === 'flaky'))
    return {
      verdict: 'flaky',
      detail: `flaky with the patch: ${notFixed.map((c) => c.test.name).join(', ')}`,
    };
  return {
    verdict: 'still_failing',
    detail: `still failing with the patch: ${notFixed
      .slice(0, 3)
      .map((c) => c.test.name)
      .join(', ')}`,
  };
};
