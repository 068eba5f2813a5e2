// Runs the failing step N times in the sandbox for one side (original or patched) and persists every run
// and every test's verdict with its interval.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Context } from '@temporalio/activity';
import { prepareTestPlan } from '@suture/core/execution/prepare-test-plan';
import { resolveSandboxLimits } from '@suture/core/execution/resolve-sandbox-limits';
import { analyzeFlakiness, type FlakinessReport } from '@suture/core/flakiness/analyze-flakiness';
import type { AdaptiveSettings } from '@suture/core/flakiness/decide-adaptive-stop';
import { storeArtifact } from '@suture/db';
import type { HealingDeps } from './deps.ts';
import { runDir, type LoadedRun } from './checkout.ts';
import { createRunSandbox } from './create-run-sandbox.ts';
import { recordEgress } from './record-egress.ts';

const MAX_TRACE_BYTES = 5 * 1024 * 1024;

/** Keeps Temporal informed while long sandbox runs go on, and passes its cancellation down. */
export const withHeartbeat = async <T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), 5_000);
  try {
    return await work(context.cancellationSignal);
  } finally {
    clearInterval(timer);
  }
};

const storeTrace = async (deps: HealingDeps, path: string | null) => {
  if (!path) return null;
  const info = await stat(path).catch(() => null);
  if (!info || info.size > MAX_TRACE_BYTES) return null;
  return storeArtifact({ db: deps.db, content: await readFile(path), mediaType: 'application/json' });
};

export const runTestAnalysis = async (options: {
  deps: HealingDeps;
  run: LoadedRun;
  repoDir: string;
  phase: 'original' | 'patched';
  runs: number;
  patchAttemptId?: string | null;
  /** Keep rerunning until every test's verdict is decided (see decideAdaptiveStop), up to its maxRuns. */
  adaptive?: AdaptiveSettings;
}): Promise<FlakinessReport> => {
  const { deps, run, repoDir, phase } = options;
  const plan = await prepareTestPlan({
    repoDir,
    ...(run.failureEvent.command ? { command: run.failureEvent.command } : {}),
    ...(run.failureEvent.jobName ? { jobName: run.failureEvent.jobName } : {}),
    ...(run.failureEvent.stepName ? { stepName: run.failureEvent.stepName } : {}),
  });
  // Only an install phase needs the forwarder (built once into the tool cache, on first use).
  const installEgress = plan.install ? deps.sandbox.egress : null;
  const sandbox = await createRunSandbox(deps, { egress: installEgress !== null });
  const report = await withHeartbeat((signal) =>
    analyzeFlakiness({
      sandbox,
      repoDir,
      plan,
      limits: resolveSandboxLimits({ overrides: { wallTimeMs: 5 * 60_000 } }),
      runs: options.runs,
      ...(options.adaptive ? { adaptive: options.adaptive } : {}),
      concurrency: deps.sandbox.concurrency,
      installEgress,
      probeOrder: phase === 'original',
      maxProbes: 2,
      artifactDir: join(runDir(deps, run.id), `traces-${phase}`),
      signal,
    }),
  );
  await recordEgress({ deps, run, phase, install: report.install });
  const suiteRuns = report.runs.filter((r) => r.kind === 'suite');
  const started = Date.now();
  for (const summary of suiteRuns) {
    const traceArtifactId = await storeTrace(deps, summary.tracePath);
    const data = {
      patchAttemptId: options.patchAttemptId ?? null,
      backend: report.backend,
      command: summary.command.slice(0, 4000),
      exitCode: summary.exitCode,
      signal: summary.signal,
      timedOut: summary.timedOut,
      wallMs: summary.wallTimeMs,
      cpuMs: summary.cpuMs,
      passed: summary.passed,
      failed: summary.failed,
      skipped: summary.skipped,
      traceArtifactId,
      startedAt: new Date(started - summary.wallTimeMs),
      finishedAt: new Date(started),
    };
    await deps.db.testExecution.upsert({
      where: { healingRunId_phase_runIndex: { healingRunId: run.id, phase, runIndex: summary.index } },
      update: data,
      create: { healingRunId: run.id, phase, runIndex: summary.index, ...data },
    });
  }
  for (const test of report.tests) {
    const data = {
      file: test.file,
      verdict: test.verdict,
      runs: test.runs,
      failures: test.failures,
      failureRate: test.failureRate,
      intervalLow: test.interval[0],
      intervalHigh: test.interval[1],
      reason: (test.explanation ?? test.lastFailureMessage ?? test.summary).slice(0, 2000),
    };
    await deps.db.testVerdict.upsert({
      where: {
        healingRunId_scope_name: { healingRunId: run.id, scope: phase, name: test.name.slice(0, 1000) },
      },
      update: data,
      create: { healingRunId: run.id, scope: phase, name: test.name.slice(0, 1000), ...data },
    });
  }
  return report;
};
