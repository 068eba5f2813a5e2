import { readFile, rm } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../../test/fixtures/execution/copy-fixture.ts';
import { startCountingServer, type CountingServer } from '../../test/fixtures/execution/start-counting-server.ts';
import { analyzeFlakiness } from '../flakiness/analyze-flakiness.ts';
import { createLocalSandbox } from './create-local-sandbox.ts';
import { prepareTestPlan } from './prepare-test-plan.ts';
import { resolveSandboxLimits } from './resolve-sandbox-limits.ts';
import type { Sandbox, SandboxLimits } from './sandbox-types.ts';

const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 20_000, memoryBytes: 2 * 1024 ** 3, processes: 256 } });
let sandbox: Sandbox;
let server: CountingServer;
const cleanup: string[] = [];

beforeAll(async () => {
  sandbox = await createLocalSandbox({ searchPath: '/usr/local/bin:/usr/bin:/bin', isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0 });
  server = await startCountingServer();
});
afterAll(async () => {
  await server.close();
  for (const path of cleanup) await rm(path, { recursive: true, force: true });
});

const analyze = async (name: string, options: { runs: number; limits?: SandboxLimits; command?: string; adaptive?: Parameters<typeof analyzeFlakiness>[0]['adaptive']; artifactDir?: string }) => {
  const repoDir = await copyFixture({ name, config: { port: server.port } });
  cleanup.push(repoDir);
  const plan = await prepareTestPlan({ repoDir, command: options.command });
  return analyzeFlakiness({ sandbox, repoDir, plan, limits: options.limits ?? limits, runs: options.runs, concurrency: 2, adaptive: options.adaptive, artifactDir: options.artifactDir });
};

const byName = <T extends { name: string }>(tests: T[], name: string): T => {
  const found = tests.find((test) => test.name === name);
  if (!found) throw new Error(`no test named ${name} in ${tests.map((test) => test.name).join(', ')}`);
  return found;
};

describe('fixture projects in the local sandbox', () => {
  it('a deterministic failure fails on every run, alone too, and leaves an execution trace per run', async () => {
    const artifactDir = await mkdtemp(join(tmpdir(), 'suture-traces-'));
    cleanup.push(artifactDir);
    const report = await analyze('deterministic-failure', { runs: 3, artifactDir });
    expect(report).toMatchObject({ command: 'npm test', source: 'detected', stopReason: 'fixed-runs' });
    const failing = byName(report.tests, 'add > handles negative numbers');
    expect(failing).toMatchObject({ verdict: 'fail', runs: 3, failures: 3, file: 'test/add.test.js', failureRate: 1 });
    expect(failing.signatures).toHaveLength(1);
    expect(failing.summary).toBe('3/3 failures: failure rate above 43% at 95% (Wilson)');
    expect(byName(report.tests, 'add > adds small numbers')).toMatchObject({ verdict: 'pass', failures: 0 });
    expect(report.orderProbes).toEqual([expect.objectContaining({ name: 'add > handles negative numbers', alone: 'fail', conclusion: 'independent' })]);
    const suiteRuns = report.runs.filter((run) => run.kind === 'suite');
    expect(suiteRuns.map((run) => [run.exitCode, run.resultSource, run.passed, run.failed])).toEqual(Array(3).fill([1, 'tap', 1, 1]));
    const trace = JSON.parse(await readFile(suiteRuns[0]?.tracePath ?? '', 'utf8')) as { exitCode: number; output: { stream: string; text: string }[]; resourceUsage: { cpuUserMs: number } | null };
    expect(trace.exitCode).toBe(1);
    expect(trace.output.map((chunk) => chunk.text).join('')).toContain('not ok');
    expect(typeof trace.resourceUsage?.cpuUserMs).toBe('number');
  });

  it('a genuinely random test is flaky, with an interval around its failure rate', async () => {
    // Fails with probability 1/2 per run: all 16 runs agreeing happens with probability 3e-5.
    const report = await analyze('flaky', { runs: 16 });
    const flaky = byName(report.tests, 'queue > acknowledges before the deadline');
    expect(flaky.verdict).toBe('flaky');
    expect(flaky.runs).toBe(16);
    expect(flaky.interval[0]).toBeLessThan(flaky.failureRate);
    expect(flaky.interval[1]).toBeGreaterThan(flaky.failureRate);
    // The message differs per run only in a number, so the failures share one signature.
    expect(flaky.signatures).toHaveLength(1);
    expect(byName(report.tests, 'queue > drains in order').verdict).toBe('pass');
  });

  it('an order-dependent test fails in the suite but passes alone', async () => {
    const report = await analyze('order-dependent', { runs: 2 });
    expect(byName(report.tests, 'cache > starts empty').verdict).toBe('fail');
    expect(report.orderProbes).toEqual([
      expect.objectContaining({ name: 'cache > starts empty', inSuite: 'fail', alone: 'pass', shuffled: 'unsupported', conclusion: 'order-dependent' }),
    ]);
  });

  it('a test that needs the network fails in the sandbox, and the report says why', async () => {
    const before = server.connections();
    const report = await analyze('needs-network', { runs: 2 });
    const test = byName(report.tests, 'reaches the health endpoint');
    expect(test.verdict).toBe('fail');
    expect(test.lastFailureMessage).toContain('ECONNREFUSED');
    expect(test.explanation).toMatch(/^needs the network: the sandbox has no network access/);
    expect(server.connections()).toBe(before);
  });

  it('a hanging test is stopped at its limit and judged timeout', async () => {
    const report = await analyze('hanging', { runs: 2, limits: { ...limits, wallTimeMs: 3000 } });
    const hung = byName(report.tests, 'test/hang.test.js');
    expect(hung).toMatchObject({ verdict: 'timeout', runs: 2, timeouts: 2 });
    expect(hung.explanation).toMatch(/^timed out/);
    expect(byName(report.tests, 'answers quickly').verdict).toBe('pass');
    expect(report.runs.every((run) => run.wallTimeMs < 3000 + 2000)).toBe(true);
  });

  it('a run the runner cannot stop is killed at the wall limit and counted as a whole-run timeout', async () => {
    const report = await analyze('hanging', { runs: 2, command: 'node -e "setInterval(() => {}, 1000)"', limits: { ...limits, wallTimeMs: 1500 } });
    expect(report.tests).toEqual([expect.objectContaining({ name: '(whole run)', verdict: 'timeout', runs: 2 })]);
    expect(report.tests[0]?.explanation).toBe('killed at the wall-time limit (2 s)');
    expect(report.runs.map((run) => run.timedOut)).toEqual([true, true]);
  });

  it('adaptive mode reruns until the interval decides, within its bound', async () => {
    const report = await analyze('deterministic-failure', { runs: 2, adaptive: { maxRuns: 12, decisionThreshold: 0.3, confidence: 0.95 } });
    expect(report.stopReason).toBe('decided');
    const failing = byName(report.tests, 'add > handles negative numbers');
    // 9/9 is the first count whose Wilson lower bound clears 70%; batches of 2 (the pool size) may add one more.
    expect(failing.verdict).toBe('fail');
    expect(failing.failures).toBe(failing.runs);
    expect([9, 10]).toContain(failing.runs);
    expect(failing.interval[0]).toBeGreaterThan(0.7);
  });
});
