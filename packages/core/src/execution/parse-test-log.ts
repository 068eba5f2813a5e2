import { stripVTControlCharacters } from 'node:util';
import { computeFailureSignature } from './compute-failure-signature.ts';
import { joinTestName, type TestCaseResult, type TestOutcome } from './test-result-types.ts';

export type ParseTestLogOptions = { text: string };

type Entry = {
  name: string;
  file: string | null;
  outcome: TestOutcome;
  durationMs: number | null;
  message: string | null;
};

const pytestLine =
  /^(?:(\S+?\.py)::(\S+)\s+(PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)|(PASSED|FAILED|ERROR|SKIPPED)\s+(\S+?\.py)::(\S+?)(?:\s+-\s+(.*))?)\s*(?:\[\s*\d+%\])?$/;
const goResult = /^\s*--- (PASS|FAIL|SKIP): (\S+) \(([\d.]+)s\)/;
const goTimeout = /^panic: test timed out after/;
const cargoResult = /^test (\S+) \.\.\. (ok|FAILED|ignored)\b/;
const cargoFailureHeader = /^---- (\S+) stdout ----$/;
const tickLine = /^\s*(✓|✔|√|✕|✖|×)\s+(.+?)(?:\s+\(\d+(?:\.\d+)?\s?m?s\))?$/;
// ESLint's closing line ("✖ 5 problems (5 errors, 0 warnings)") shares the tick mark but is no test.
const lintSummary = /^\d+ problems? \(\d+ errors?, \d+ warnings?\)/;

const pytestOutcome = (word: string): TestOutcome =>
  word === 'PASSED' || word === 'XFAIL' ? 'pass' : word === 'SKIPPED' ? 'skip' : 'fail';

/**
 * Last resort when a runner leaves no structured report: pytest -v / -rA lines, go test -v, cargo test (libtest),
 * and tick-mark reporters. Go subtests ("TestA/sub") and Rust module paths ("a::b") become " > "-joined names.
 */
export const parseTestLog = (options: ParseTestLogOptions): TestCaseResult[] => {
  const lines = stripVTControlCharacters(options.text).split(/\r?\n/);
  const entries = new Map<string, Entry>();
  const upsert = (entry: Entry): void => {
    const previous = entries.get(entry.name);
    entries.set(entry.name, { ...entry, message: entry.message ?? previous?.message ?? null });
  };
  let goPending: string[] = [];
  let cargoFailure: { name: string; lines: string[] } | null = null;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const py = pytestLine.exec(line);
    if (py) {
      const [file, title, word, message] = py[1]
        ? [py[1], py[2], py[3], null]
        : [py[5], py[6], py[4], py[7] ?? null];
      const name = joinTestName((title ?? '').split('::'));
      upsert({ name, file: file ?? null, outcome: pytestOutcome(word ?? ''), durationMs: null, message });
      continue;
    }
    const go = goResult.exec(line);
    if (go) {
      const outcome: TestOutcome = go[1] === 'PASS' ? 'pass' : go[1] === 'FAIL' ? 'fail' : 'skip';
      const message = outcome === 'fail' ? goPending.join('\n').trim() || null : null;
      upsert({
        name: joinTestName((go[2] ?? '').split('/')),
        file: null,
        outcome,
        durationMs: Math.round(Number(go[3]) * 1000),
        message,
      });
      goPending = [];
      continue;
    }
    if (/^=== (RUN|CONT|PAUSE)/.test(line)) continue;
    if (/^\s+\S+_test\.go:\d+:/.test(line)) goPending.push(line.trim());
    if (goTimeout.test(line)) {
      // "running tests:" then one tab-indented line per test still running when the binary panicked.
      for (let next = index + 1; next < lines.length && next <= index + 50; next += 1) {
        const running = /^\t(\S+) \(/.exec(lines[next] ?? '');
        if (running)
          upsert({
            name: joinTestName((running[1] ?? '').split('/')),
            file: null,
            outcome: 'timeout',
            durationMs: null,
            message: line,
          });
      }
      continue;
    }
    const cargo = cargoResult.exec(line);
    if (cargo) {
      const outcome: TestOutcome = cargo[2] === 'ok' ? 'pass' : cargo[2] === 'FAILED' ? 'fail' : 'skip';
      upsert({
        name: joinTestName((cargo[1] ?? '').split('::')),
        file: null,
        outcome,
        durationMs: null,
        message: null,
      });
      continue;
    }
    const header = cargoFailureHeader.exec(line);
    if (header) {
      if (cargoFailure) flushCargo(cargoFailure, entries);
      cargoFailure = { name: joinTestName((header[1] ?? '').split('::')), lines: [] };
      continue;
    }
    if (cargoFailure) {
      if (/^(failures:|test result:)/.test(line)) {
        flushCargo(cargoFailure, entries);
        cargoFailure = null;
      } else cargoFailure.lines.push(line);
      continue;
    }
    const tick = tickLine.exec(line);
    if (tick && !lintSummary.test(tick[2] ?? '')) {
      const passed = ['✓', '✔', '√'].includes(tick[1] ?? '');
      upsert({
        name: (tick[2] ?? '').trim(),
        file: null,
        outcome: passed ? 'pass' : 'fail',
        durationMs: null,
        message: null,
      });
    }
  }
  if (cargoFailure) flushCargo(cargoFailure, entries);
  return [...entries.values()].map((entry) => {
    const failed = entry.outcome === 'fail' || entry.outcome === 'timeout';
    const message = failed ? (entry.message ?? 'failed (no message in log)') : null;
    return {
      name: entry.name,
      file: entry.file,
      outcome: entry.outcome,
      durationMs: entry.durationMs,
      failureMessage: message,
      signature: failed ? computeFailureSignature({ message: message ?? '' }) : null,
    };
  });
};

const flushCargo = (failure: { name: string; lines: string[] }, entries: Map<string, Entry>): void => {
  const entry = entries.get(failure.name);
  const message = failure.lines.join('\n').trim();
  if (entry && message) entries.set(failure.name, { ...entry, message });
  else if (!entry && message)
    entries.set(failure.name, { name: failure.name, file: null, outcome: 'fail', durationMs: null, message });
};
