import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../execution/execute-test-run.ts';
import { resolveSandboxLimits } from '../execution/resolve-sandbox-limits.ts';
import { aggregateRunRecords, wholeRunName } from './aggregate-run-records.ts';

const record = (index: number, exitCode: number, stderr: string): RunRecord => ({
  index,
  kind: 'suite',
  command: 'cargo build --all-targets',
  tracePath: null,
  parsed: { source: 'none', tests: [] },
  result: {
    backend: 'local',
    command: 'cargo build --all-targets',
    exitCode,
    signal: null,
    timedOut: false,
    limitHit: null,
    startedAt: new Date(0).toISOString(),
    wallTimeMs: 1000,
    resourceUsage: null,
    stdout: '',
    stderr,
    chunks: [],
    outputTruncated: false,
    files: [],
  egress: null,
  },
});

const lib = 'error: could not compile `stock` (lib) due to 1 previous error';
const libTest = 'error: could not compile `stock` (lib test) due to 1 previous error';
const waiting = 'warning: build failed, waiting for other jobs to finish...';

describe('aggregateRunRecords, runs without test results', () => {
  it('calls a build that fails every time with its errors in a different order a failure, not flaky', () => {
    const [whole] = aggregateRunRecords({
      limits: resolveSandboxLimits(),
      records: [
        record(1, 101, [lib, waiting, libTest].join('\n')),
        record(2, 101, [libTest, waiting, lib].join('\n')),
        record(3, 101, [lib, waiting, libTest].join('\n')),
      ],
    });
    expect(whole).toMatchObject({ name: wholeRunName, verdict: 'fail', runs: 3, failures: 3 });
    expect(whole?.lastFailureMessage).toContain('could not compile');
  });

  it('still calls a build flaky when it exits differently between runs', () => {
    const [whole] = aggregateRunRecords({
      limits: resolveSandboxLimits(),
      records: [record(1, 101, lib), record(2, 1, 'Killed')],
    });
    expect(whole).toMatchObject({ name: wholeRunName, verdict: 'flaky', failures: 2 });
  });
});
