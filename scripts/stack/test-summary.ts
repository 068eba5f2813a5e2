// Reads the vitest JSON reports every workspace wrote and prints one closing line over all of them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  success: boolean;
};

export type TestTotals = { passed: number; failed: number; skipped: number; suites: string[] };

export const collectTotals = (reportsDir: string): TestTotals => {
  const totals: TestTotals = { passed: 0, failed: 0, skipped: 0, suites: [] };
  if (!existsSync(reportsDir)) return totals;
  for (const file of readdirSync(reportsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const report = JSON.parse(readFileSync(join(reportsDir, file), 'utf8')) as VitestReport;
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests;
    totals.skipped += report.numPendingTests + report.numTodoTests;
    totals.suites.push(
      `${file.replace(/^vitest-|\.json$/g, '')}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`,
    );
  }
  return totals;
};
