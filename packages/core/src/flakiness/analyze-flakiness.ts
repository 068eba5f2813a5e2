import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRunnerInvocation } from '../execution/build-runner-invocation.ts';
import { createRunPool } from '../execution/create-run-pool.ts';
import { executeTestRun, type RunRecord } from '../execution/execute-test-run.ts';
import { installDependencies, type InstallOutcome } from '../execution/install-dependencies.ts';
import type { TestPlan } from '../execution/prepare-test-plan.ts';
import type { Sandbox, SandboxLimits } from '../execution/sandbox-types.ts';
import { defaultEgressRules } from '../egress/default-egress-rules.ts';
import type { EgressPolicy } from '../egress/egress-types.ts';
import { aggregateRunRecords, wholeRunName } from './aggregate-run-records.ts';
import { decideAdaptiveStop, type AdaptiveSettings } from './decide-adaptive-stop.ts';
import type { TestStats } from './flakiness-types.ts';
import { probeOrderDependence, type OrderProbe } from './probe-order-dependence.ts';

export type AnalyzeFlakinessOptions = {
  sandbox: Sandbox;
  repoDir: string;
  plan: TestPlan;
  limits: SandboxLimits;
  /** Suite runs for the verdicts (default 3); in adaptive mode the minimum. */
  runs?: number;
  /** Keep rerunning (in batches of `concurrency`) until every test's interval decides, up to maxRuns. */
  adaptive?: AdaptiveSettings | null;
  concurrency?: number;
  /**
   * Registry access for the dependency install phase only, through the egress proxy: `default` allows the
   * registries of the install command's own tooling, a policy allows exactly its rules, null allows nothing.
   * Test runs never get any network.
   */
  installEgress?: EgressPolicy | 'default' | null;
  /** Probe failing tests alone / shuffled (default true, at most `maxProbes` tests). */
  probeOrder?: boolean;
  maxProbes?: number;
  artifactDir?: string;
  confidence?: number;
  signal?: AbortSignal;
};

export type RunSummary = {
  index: number;
  kind: RunRecord['kind'];
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  wallTimeMs: number;
  cpuMs: number | null;
  resultSource: RunRecord['parsed']['source'];
  passed: number;
  failed: number;
  skipped: number;
  tracePath: string | null;
};

export type FlakinessReport = {
  backend: Sandbox['backend'];
  command: string;
  cwd: string;
  source: TestPlan['source'];
  install: InstallOutcome | null;
  stopReason: 'fixed-runs' | 'decided' | 'max-runs';
  tests: TestStats[];
  runs: RunSummary[];
  orderProbes: OrderProbe[];
};

const installEgressRequest = (plan: TestPlan, choice: EgressPolicy | 'default' | null): { policy: EgressPolicy } | null => {
  if (!choice || !plan.install) return null;
  const policy = choice === 'default' ? { rules: defaultEgressRules({ installCommand: plan.install }) } : choice;
  return policy.rules.length > 0 ? { policy } : null;
};

const summarize = (record: RunRecord): RunSummary => {
  const count = (outcomes: string[]): number =>
    record.parsed.tests.filter((test) => outcomes.includes(test.outcome)).length;
  const usage = record.result.resourceUsage;
  return {
    index: record.index,
    kind: record.kind,
    command: record.command,
    exitCode: record.result.exitCode,
    signal: record.result.signal,
    timedOut: record.result.timedOut,
    wallTimeMs: record.result.wallTimeMs,
    cpuMs: usage ? usage.cpuUserMs + usage.cpuSystemMs : null,
    resultSource: record.parsed.source,
    passed: count(['pass']),
    failed: count(['fail', 'timeout']),
    skipped: count(['skip']),
    tracePath: record.tracePath,
  };
};

/**
 * Installs dependencies once, runs the suite N times (or adaptively) through a bounded pool, and turns the
 * outcomes into per-test verdicts with Wilson intervals; then probes each failing test alone and shuffled.
 */
export const analyzeFlakiness = async (options: AnalyzeFlakinessOptions): Promise<FlakinessReport> => {
  const pool = createRunPool({ concurrency: options.concurrency });
  const scratch = await mkdtemp(join(tmpdir(), 'suture-analysis-'));
  // The install phase runs in place under here as an unprivileged uid, which must be able to traverse it.
  await chmod(scratch, 0o711);
  try {
    const install = await installDependencies({
      sandbox: options.sandbox,
      repoDir: options.repoDir,
      plan: options.plan,
      limits: options.limits,
      egress: installEgressRequest(options.plan, options.installEgress ?? 'default'),
      scratchDir: scratch,
      signal: options.signal,
    });
    const sourceDir = install?.workspaceDir ?? options.repoDir;
    const records: RunRecord[] = [];
    let nextIndex = 1;
    const runBatch = async (
      count: number,
      kind: RunRecord['kind'] = 'suite',
      only?: string[],
    ): Promise<RunRecord[]> => {
      const batch = Array.from({ length: count }, () => nextIndex++).map((index) =>
        pool.submit(() =>
          executeTestRun({
            sandbox: options.sandbox,
            sourceDir,
            plan: options.plan,
            limits: options.limits,
            index,
            kind,
            only,
            artifactDir: options.artifactDir,
            signal: options.signal,
          }),
        ),
      );
      return Promise.all(batch);
    };
    const initialRuns = Math.max(1, options.runs ?? 3);
    records.push(...(await runBatch(initialRuns)));
    let stopReason: FlakinessReport['stopReason'] = 'fixed-runs';
    if (options.adaptive) {
      const settings = options.adaptive;
      const batchSize = Math.max(1, options.concurrency ?? 2);
      // Bounded by maxRuns: each pass adds at least one run and decideAdaptiveStop stops at the cap.
      for (;;) {
        const stats = aggregateRunRecords({
          records,
          limits: options.limits,
          confidence: settings.confidence,
        });
        const decision = decideAdaptiveStop({ tests: stats, runsSoFar: records.length, settings });
        if (decision.stop) {
          stopReason = decision.reason === 'max-runs' ? 'max-runs' : 'decided';
          break;
        }
        records.push(...(await runBatch(Math.min(batchSize, settings.maxRuns - records.length))));
      }
    }
    const tests = aggregateRunRecords({ records, limits: options.limits, confidence: options.confidence });
    const orderProbes: OrderProbe[] = [];
    const failing = tests
      .filter((test) => test.verdict !== 'pass' && test.name !== wholeRunName && test.name !== test.file)
      .slice(0, options.maxProbes ?? 3);
    if ((options.probeOrder ?? true) && failing.length > 0) {
      const { plan } = options;
      const supports = (only?: string[], shuffle?: boolean) =>
        buildRunnerInvocation({
          command: plan.command,
          detection: plan.detection,
          cwd: plan.cwd,
          only,
          shuffle,
        });
      // One shuffled suite run serves every probed test; "alone" needs one run per test.
      const shuffledRun = supports(undefined, true).shuffled
        ? ((await runBatch(1, 'shuffled'))[0] ?? null)
        : null;
      const aloneRuns = await Promise.all(
        failing.map(async (test) =>
          supports([test.name]).filtered ? ((await runBatch(1, 'alone', [test.name]))[0] ?? null) : null,
        ),
      );
      failing.forEach((test, i) => {
        const aloneRun = aloneRuns[i] ?? null;
        if (aloneRun) records.push(aloneRun);
        orderProbes.push(
          probeOrderDependence({ name: test.name, inSuite: test.verdict, aloneRun, shuffledRun }),
        );
      });
      if (shuffledRun) records.push(shuffledRun);
    }
    return {
      backend: options.sandbox.backend,
      command: options.plan.command,
      cwd: options.plan.cwd,
      source: options.plan.source,
      install: install?.outcome ?? null,
      stopReason,
      tests: tests.sort((a, b) => a.name.localeCompare(b.name)),
      runs: records.sort((a, b) => a.index - b.index).map(summarize),
      orderProbes,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
};
