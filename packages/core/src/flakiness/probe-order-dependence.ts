import type { RunRecord } from '../execution/execute-test-run.ts';
import type { TestOutcome } from '../execution/test-result-types.ts';
import type { CommitVerdict } from './flakiness-types.ts';

export type OrderProbe = {
  name: string;
  inSuite: CommitVerdict;
  alone: TestOutcome | 'not-run' | 'unsupported';
  shuffled: TestOutcome | 'not-run' | 'unsupported';
  conclusion: 'order-dependent' | 'independent' | 'inconclusive';
  note: string;
};

export type ProbeOrderDependenceOptions = {
  name: string;
  inSuite: CommitVerdict;
  /** The run with only this test selected, or null when the runner cannot filter. */
  aloneRun: RunRecord | null;
  /** A full run in shuffled order, or null when the runner cannot shuffle. */
  shuffledRun: RunRecord | null;
};

const outcomeIn = (record: RunRecord | null, name: string): OrderProbe['alone'] => {
  if (!record) return 'unsupported';
  const test = record.parsed.tests.find((candidate) => candidate.name === name);
  return test ? test.outcome : 'not-run';
};

/**
 * Reads the probe runs for one failing test. Failing in the suite but passing alone means another test leaves
 * state behind (or the test relies on ordering); a different outcome under shuffling says the same.
 */
export const probeOrderDependence = (options: ProbeOrderDependenceOptions): OrderProbe => {
  const alone = outcomeIn(options.aloneRun, options.name);
  const shuffled = outcomeIn(options.shuffledRun, options.name);
  const failsInSuite = options.inSuite === 'fail' || options.inSuite === 'timeout';
  if (failsInSuite && (alone === 'pass' || shuffled === 'pass')) {
    const where = alone === 'pass' ? 'alone' : 'in shuffled order';
    return { name: options.name, inSuite: options.inSuite, alone, shuffled, conclusion: 'order-dependent', note: `fails in the normal suite order but passes ${where}: it depends on state another test leaves behind, or on test order` };
  }
  if (failsInSuite && (alone === 'fail' || alone === 'timeout') && shuffled !== 'pass') {
    return { name: options.name, inSuite: options.inSuite, alone, shuffled, conclusion: 'independent', note: 'fails alone as well as in the suite: not caused by other tests' };
  }
  return { name: options.name, inSuite: options.inSuite, alone, shuffled, conclusion: 'inconclusive', note: alone === 'unsupported' ? 'the runner cannot run a single test' : 'outcomes do not separate order from chance' };
};
