import type { RunRecord } from '../execution/execute-test-run.ts';
import { explainTestFailure } from '../execution/explain-test-failure.ts';
import type { SandboxLimits } from '../execution/sandbox-types.ts';
import { computeFailureSignature } from '../execution/compute-failure-signature.ts';
import { classifyTestVerdict } from './classify-test-verdict.ts';
import type { TestObservation, TestStats } from './flakiness-types.ts';

export type AggregateRunRecordsOptions = {
  records: RunRecord[];
  limits: SandboxLimits;
  confidence?: number;
};

/** Name of the pseudo-test standing for the run as a whole (killed, or no test results to parse). */
export const wholeRunName = '(whole run)';

/**
 * Per-test statistics over several runs of the same commit. A run that was killed at its limit, or produced no
 * parseable results, also counts against a "(whole run)" entry so those failures are never silently dropped.
 */
export const aggregateRunRecords = (options: AggregateRunRecordsOptions): TestStats[] => {
  const byName = new Map<
    string,
    { file: string | null; observations: TestObservation[]; record: RunRecord | null }
  >();
  const add = (name: string, file: string | null, observation: TestObservation, record: RunRecord): void => {
    const entry = byName.get(name) ?? { file, observations: [], record: null };
    entry.file ??= file;
    entry.observations.push(observation);
    if (observation.outcome !== 'pass') entry.record = record;
    byName.set(name, entry);
  };
  const needsWholeRun = options.records.some(
    (record) => record.result.timedOut || record.parsed.tests.length === 0,
  );
  for (const record of options.records) {
    for (const test of record.parsed.tests) {
      if (test.outcome === 'skip') continue;
      add(
        test.name,
        test.file,
        {
          runIndex: record.index,
          outcome: test.outcome,
          signature: test.signature,
          durationMs: test.durationMs,
          failureMessage: test.failureMessage,
        },
        record,
      );
    }
    if (!needsWholeRun) continue;
    const { result } = record;
    const failed = result.timedOut || (record.parsed.tests.length === 0 && result.exitCode !== 0);
    const message = result.timedOut
      ? `run killed at the wall-time limit after ${result.wallTimeMs} ms`
      : failed
        ? `exit code ${String(result.exitCode)}${result.signal ? ` (${result.signal})` : ''} and no test results: ${result.stderr.trim().split('\n').slice(-5).join('\n')}`
        : null;
    add(
      wholeRunName,
      null,
      {
        runIndex: record.index,
        outcome: result.timedOut ? 'timeout' : failed ? 'fail' : 'pass',
        // The exit status, not the output's tail, identifies a run-level failure: tools that build targets in
        // parallel (cargo, make -j) print the same errors in a different order on every run.
        signature: !message
          ? null
          : result.timedOut
            ? computeFailureSignature({ message: 'timeout' })
            : `exit-${String(result.exitCode)}${result.signal ? `-${result.signal}` : ''}`,
        durationMs: result.wallTimeMs,
        failureMessage: message,
      },
      record,
    );
  }
  return [...byName].map(([name, entry]) => {
    const lastFailure = [...entry.observations].reverse().find((o) => o.outcome !== 'pass');
    const explanation =
      lastFailure && entry.record
        ? explainTestFailure({
            message: lastFailure.failureMessage,
            outcome: lastFailure.outcome === 'timeout' ? 'timeout' : 'fail',
            run: entry.record.result,
            network: false,
            limits: options.limits,
          })
        : null;
    return classifyTestVerdict({
      name,
      file: entry.file,
      observations: entry.observations,
      confidence: options.confidence,
      explanation,
    });
  });
};
