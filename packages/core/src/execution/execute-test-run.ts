import { join } from 'node:path';
import { buildRunnerInvocation } from './build-runner-invocation.ts';
import { collectTestResults } from './collect-test-results.ts';
import type { TestPlan } from './prepare-test-plan.ts';
import type { Sandbox, SandboxLimits, SandboxRunResult } from './sandbox-types.ts';
import type { ParsedResults } from './test-result-types.ts';
import { writeExecutionTrace } from './write-execution-trace.ts';

export type RunKind = 'suite' | 'alone' | 'shuffled';

export type RunRecord = {
  index: number;
  kind: RunKind;
  command: string;
  result: SandboxRunResult;
  parsed: ParsedResults;
  tracePath: string | null;
};

export type ExecuteTestRunOptions = {
  sandbox: Sandbox;
  /** Directory each run copies from (the repo, or the copy the install phase filled). */
  sourceDir: string;
  plan: TestPlan;
  limits: SandboxLimits;
  index: number;
  kind?: RunKind;
  only?: string[];
  artifactDir?: string;
  signal?: AbortSignal;
};

/**
 * One offline run of the plan's command in a fresh workspace copy, with runner flags for structured output.
 * The runner's own per-test timeout is set a little under the wall limit so a hang is pinned on a test or file
 * before the sandbox has to kill the whole run.
 */
export const executeTestRun = async (options: ExecuteTestRunOptions): Promise<RunRecord> => {
  const { plan, limits } = options;
  const kind = options.kind ?? 'suite';
  const margin = Math.max(1000, Math.round(limits.wallTimeMs * 0.1));
  const invocation = buildRunnerInvocation({
    command: plan.command,
    detection: plan.detection,
    cwd: plan.cwd,
    only: options.only,
    shuffle: kind === 'shuffled',
    testTimeoutMs: limits.wallTimeMs - margin >= 1000 ? limits.wallTimeMs - margin : undefined,
  });
  const result = await options.sandbox.run({
    workspaceDir: options.sourceDir,
    command: invocation.command,
    cwd: plan.cwd,
    env: plan.env,
    limits,
    collectPaths: invocation.collectPaths,
    signal: options.signal,
  });
  const parsed = collectTestResults({ files: result.files, stdout: result.stdout, stderr: result.stderr });
  let tracePath: string | null = null;
  if (options.artifactDir) {
    tracePath = join(options.artifactDir, `run-${String(options.index).padStart(3, '0')}-${kind}.json`);
    await writeExecutionTrace({ path: tracePath, result, limits });
  }
  return { index: options.index, kind, command: invocation.command, result, parsed, tracePath };
};
