import { ApplicationFailure } from '@temporalio/activity';
import { defaultAdaptiveSettings } from '@suture/core/flakiness/decide-adaptive-stop';
import type { HealingDeps } from './deps.ts';
import { ensureCheckout, loadRun } from './checkout.ts';
import { runTestAnalysis } from './run-test-analysis.ts';
import type { ReproduceResult, RunRef } from './types.ts';

/** Runs the failing step on the original commit: is it a real, reproducible failure, or flaky/infra? */
export const reproduceFailure = async (
  deps: HealingDeps,
  input: RunRef & { runs: number },
): Promise<ReproduceResult> => {
  const run = await loadRun(deps, input.healingRunId);
  const repoDir = await ensureCheckout(deps, run);
  let report = await runTestAnalysis({ deps, run, repoDir, phase: 'original', runs: input.runs });
  if (report.tests.every((t) => t.verdict === 'pass') && !report.install?.exitCode) {
    // CI saw a failure that N runs here did not: before blaming the infrastructure, look harder for a test
    // that fails only sometimes. Adaptive reruns go on until every verdict is decided (0/9 failures puts a
    // test's failure rate below 30% at 95%), bounded by maxRuns.
    report = await runTestAnalysis({
      deps,
      run,
      repoDir,
      phase: 'original',
      runs: input.runs,
      adaptive: { ...defaultAdaptiveSettings, maxRuns: Math.max(10, input.runs * 3) },
    });
  }
  // A sandbox that cannot even start reproduces nothing: that is our infrastructure, not the user's code.
  const sandboxError = report.tests.find((t) => t.lastFailureMessage?.includes('bwrap: '));
  if (sandboxError)
    throw ApplicationFailure.nonRetryable(
      `the sandbox could not run the step: ${sandboxError.lastFailureMessage}`,
      'SandboxError',
    );
  if (report.install && report.install.exitCode !== 0) {
    throw ApplicationFailure.nonRetryable(
      `installing dependencies in the sandbox failed (exit ${String(report.install.exitCode)}): ${report.install.tail.slice(-500)}`,
      'SandboxError',
    );
  }
  const failing = report.tests.filter((t) => t.verdict === 'fail' || t.verdict === 'timeout');
  const flaky = report.tests.filter((t) => t.verdict === 'flaky');
  const runs = report.runs.filter((r) => r.kind === 'suite').length;
  if (failing.length > 0) {
    return {
      verdict: failing.every((t) => t.verdict === 'timeout') ? 'timeout' : 'fail',
      detail: `${failing.length} test(s) fail on every one of ${runs} runs: ${failing
        .slice(0, 3)
        .map((t) => t.name)
        .join(', ')}`,
    };
  }
  if (flaky.length > 0)
    return {
      verdict: 'flaky',
      detail: `Flaky, not broken: ${flaky
        .slice(0, 3)
        .map((t) => `${t.name} (${t.summary})`)
        .join('; ')}.`,
    };
  return {
    verdict: 'not_reproduced',
    detail: `The failure did not reproduce in ${runs} sandboxed run(s) of \`${report.command}\`: likely the CI environment or infrastructure.`,
  };
};
