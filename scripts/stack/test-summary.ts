// Reads the JSON reports the test runs wrote under reports/ (vitest's, one per workspace, and
// Playwright's playwright.json) and prints one closing line over all of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
};

type PlaywrightReport = {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  /** Errors outside any test, e.g. a global setup that failed before a single test ran. */
  errors: unknown[];
};

export type TestTotals = { passed: number; failed: number; skipped: number; suites: string[] };

type Counts = { name: string; passed: number; failed: number; skipped: number; note?: string };

const PLAYWRIGHT_REPORT = 'playwright.json';

const vitestCounts = (file: string, report: VitestReport): Counts => ({
  name: file.replace(/^vitest-|\.json$/g, ''),
  passed: report.numPassedTests,
  failed: report.numFailedTests,
  skipped: report.numPendingTests + report.numTodoTests,
});

// A flaky test (failed, then passed on a retry) counts as failed: retries must not hide flakiness.
const playwrightCounts = (report: PlaywrightReport): Counts => ({
  name: 'e2e',
  passed: report.stats.expected,
  failed: report.stats.unexpected + report.stats.flaky + report.errors.length,
  skipped: report.stats.skipped,
  note: [
    report.stats.flaky ? `${report.stats.flaky} flaky` : '',
    report.errors.length ? `${report.errors.length} error(s) outside tests` : '',
  ]
    .filter(Boolean)
    .join(', '),
});

export const collectTotals = (reportsDir: string): TestTotals => {
  const totals: TestTotals = { passed: 0, failed: 0, skipped: 0, suites: [] };
  if (!existsSync(reportsDir)) return totals;
  for (const file of readdirSync(reportsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const report = JSON.parse(readFileSync(join(reportsDir, file), 'utf8')) as unknown;
    const counts =
      file === PLAYWRIGHT_REPORT
        ? playwrightCounts(report as PlaywrightReport)
        : vitestCounts(file, report as VitestReport);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    totals.suites.push(
      `${counts.name}: ${counts.passed} passed, ${counts.failed} failed${counts.note ? ` (${counts.note})` : ''}`,
    );
  }
  return totals;
};
