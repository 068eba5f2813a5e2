export type TestOutcome = 'pass' | 'fail' | 'skip' | 'timeout';

export type TestCaseResult = {
  /** Suites joined with " > ", then the test title. */
  name: string;
  file: string | null;
  outcome: TestOutcome;
  durationMs: number | null;
  failureMessage: string | null;
  /** Hash of the normalized failure message; equal signatures = the same failure. */
  signature: string | null;
};

export type ResultSource = 'junit' | 'tap' | 'jest-json' | 'log' | 'none';

export type ParsedResults = { source: ResultSource; tests: TestCaseResult[] };

export const joinTestName = (parts: string[]): string => parts.map((part) => part.trim()).filter(Boolean).join(' > ');
