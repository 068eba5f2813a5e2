import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { runCommand } from '../../src/workspace/run-command.ts';
import type { RealworldCase } from './realworld-case.ts';
import { applyPatch, CaseTimeout, changedFiles, checkoutCommit, type Deadline, runCaseSteps, showFile } from './run-case-steps.ts';

export type RealworldStatus = 'ran' | 'not_reproduced' | 'setup_failed' | 'timeout' | 'error';

export type RealworldRow = {
  id: string;
  category: RealworldCase['category'];
  expected: RealworldCase['expected'];
  status: RealworldStatus;
  /** The command passes at the fix commit (and the tests do): the case's own sanity check. */
  humanFixPasses: boolean | null;
  outcome: 'fixed' | 'refused' | 'failed' | null;
  fixer: string;
  /** Wall time of `suture fix` alone, and of the whole case. */
  fixSeconds: number | null;
  seconds: number;
  /** After the patch: the failing command passes and the tests pass. Null when there was no patch. */
  humanEffect: boolean | null;
  commandPasses: boolean | null;
  testsPass: boolean | null;
  /** Files the patch changed that are byte-identical to the fix commit's, out of the files it changed. */
  identical: { same: number; changed: number; humanChanged: number } | null;
  asExpected: boolean;
  note: string;
};

/** What the bench reads of `suture fix --format json` (its last stdout line). */
const FixJson = z.object({
  outcome: z.enum(['fixed', 'refused', 'failed']),
  reason: z.string(),
  diff: z.string(),
  files: z.array(z.string()),
  attempts: z.array(z.object({ fixer: z.string(), kept: z.boolean() })),
});
type FixJson = z.infer<typeof FixJson>;

const runSutureFix = async (options: { cliPath: string; repoDir: string; logFile: string; deadline: Deadline }): Promise<FixJson> => {
  const timeoutMs = options.deadline.at - Date.now();
  if (timeoutMs <= 0) throw new CaseTimeout('no time left for suture fix');
  const result = await runCommand({
    cwd: options.repoDir,
    command: process.execPath,
    args: [options.cliPath, 'fix', options.repoDir, '--log', options.logFile, '--format', 'json'],
    timeoutMs,
  });
  if (result.timedOut) throw new CaseTimeout('suture fix ran out of time');
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    const report = FixJson.parse(JSON.parse(last));
    // Beside the log, for --keep: the whole report says which step of the pipeline stopped the fix.
    await writeFile(join(dirname(options.logFile), 'fix-report.json'), `${last}\n`);
    return report;
  } catch {
    throw new Error(`suture fix exited ${String(result.exitCode)} without a JSON report: ${result.output.trim().slice(-600)}`);
  }
};

const compareWithHuman = async (options: { entry: RealworldCase; gitDir: string; dir: string; files: readonly string[]; deadline: Deadline }) => {
  const human = await changedFiles({ gitDir: options.gitDir, from: options.entry.broken, to: options.entry.fix, deadline: options.deadline });
  let same = 0;
  for (const file of options.files) {
    const theirs = await showFile({ gitDir: options.gitDir, sha: options.entry.fix, path: file, deadline: options.deadline });
    const ours = await readFile(join(options.dir, file), 'utf8').catch(() => null);
    if (theirs === ours) same += 1;
  }
  return { same, changed: options.files.length, humanChanged: human.length };
};

type Context = { entry: RealworldCase; gitDir: string; root: string; cliPath: string; deadline: Deadline; row: RealworldRow };

/** Command, then tests, in a fresh tree at `sha` (with `diff` applied when given). */
const verifyTree = async (context: Context, name: string, sha: string, diff?: string): Promise<{ command: boolean; tests: boolean | null }> => {
  const { entry, deadline } = context;
  const dir = join(context.root, name);
  await checkoutCommit({ gitDir: context.gitDir, sha, into: dir, deadline });
  if (diff !== undefined) await applyPatch({ dir, diff, deadline });
  const run = await runCaseSteps({ dir, subdir: entry.subdir, setup: entry.setup, command: entry.command, deadline });
  if (run.setupFailed !== null || !run.commandPassed) return { command: false, tests: null };
  if (entry.tests === null) return { command: true, tests: null };
  const tests = await runCaseSteps({ dir, subdir: entry.subdir, setup: [], command: entry.tests, deadline });
  return { command: true, tests: tests.commandPassed };
};

const runFlow = async (context: Context): Promise<void> => {
  const { entry, deadline, row, root } = context;
  const brokenDir = join(root, 'broken');
  await checkoutCommit({ gitDir: context.gitDir, sha: entry.broken, into: brokenDir, deadline });
  const broken = await runCaseSteps({ dir: brokenDir, subdir: entry.subdir, setup: entry.setup, command: entry.command, deadline });
  if (broken.setupFailed !== null) {
    row.status = 'setup_failed';
    row.note = `setup step failed at the broken commit: ${broken.setupFailed}`;
    return;
  }
  if (broken.commandPassed) {
    row.status = 'not_reproduced';
    row.note = 'the command passes at the broken commit here';
    return;
  }
  const human = await verifyTree(context, 'human', entry.fix);
  row.humanFixPasses = human.command && human.tests !== false;
  const logFile = join(root, 'failure.log');
  await writeFile(logFile, broken.log);
  // The CLI gets a pristine checkout, as a user (or the worker) has it: nothing installed by the bench.
  const inputDir = join(root, 'input');
  await checkoutCommit({ gitDir: context.gitDir, sha: entry.broken, into: inputDir, deadline });
  const started = Date.now();
  const report = await runSutureFix({ cliPath: context.cliPath, repoDir: inputDir, logFile, deadline });
  row.fixSeconds = (Date.now() - started) / 1000;
  row.outcome = report.outcome;
  row.fixer = report.attempts.find((attempt) => attempt.kept)?.fixer ?? (report.attempts.map((attempt) => attempt.fixer).join(',') || '-');
  row.note = report.reason;
  row.status = 'ran';
  if (report.diff.trim().length === 0) return;
  const patched = await verifyTree(context, 'patched', entry.broken, report.diff);
  row.commandPasses = patched.command;
  row.testsPass = patched.tests;
  row.humanEffect = patched.command && patched.tests !== false;
  row.identical = await compareWithHuman({ entry, gitDir: context.gitDir, dir: join(root, 'patched'), files: report.files, deadline });
};

/** One case end to end, bounded by `timeoutMs`; nothing it creates outlives it unless `keep` is set. */
export const runRealworldCase = async (options: {
  entry: RealworldCase;
  gitDir: string;
  cliPath: string;
  timeoutMs: number;
  keep?: boolean;
}): Promise<RealworldRow> => {
  const { entry } = options;
  const started = Date.now();
  const row: RealworldRow = {
    id: entry.id, category: entry.category, expected: entry.expected, status: 'error', humanFixPasses: null, outcome: null, fixer: '-',
    fixSeconds: null, seconds: 0, humanEffect: null, commandPasses: null, testsPass: null, identical: null, asExpected: false, note: '',
  };
  const root = await mkdtemp(join(tmpdir(), `suture-rw-${entry.id}-`));
  try {
    await runFlow({ entry, gitDir: options.gitDir, root, cliPath: options.cliPath, deadline: { at: started + options.timeoutMs }, row });
  } catch (error) {
    row.status = error instanceof CaseTimeout ? 'timeout' : 'error';
    row.note = error instanceof Error ? error.message : String(error);
  } finally {
    if (options.keep) row.note = `${row.note} (kept ${root})`;
    else await rm(root, { recursive: true, force: true });
  }
  row.seconds = (Date.now() - started) / 1000;
  row.asExpected =
    row.status === 'ran' && (entry.expected === 'fixed' ? row.outcome === 'fixed' && row.humanEffect === true : row.outcome !== 'fixed');
  return row;
};
