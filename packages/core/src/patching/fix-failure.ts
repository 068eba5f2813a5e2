import { AppError, isAppError } from '../errors/app-error.ts';
import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';
import { checkGuardrails } from '../guardrails/check-guardrails.ts';
import { readFileChanges } from '../guardrails/read-file-changes.ts';
import { scoreRisk } from '../risk/score-risk.ts';
import { readStepEnv } from '../validation/read-step-env.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { detectTooling } from '../workspace/detect-tooling.ts';
import { diffWorkspace } from '../workspace/diff-workspace.ts';
import { disposeWorkspace } from '../workspace/dispose-workspace.ts';
import type { InstallReport } from '../workspace/install-dependencies.ts';
import { installDependencies } from '../workspace/install-dependencies.ts';
import type { InstallIsolation } from '../workspace/run-install-command.ts';
import { createSandboxedFixerRunner } from '../workspace/create-sandboxed-fixer-runner.ts';
import { createSandboxedRunner } from '../workspace/create-sandboxed-runner.ts';
import type { Sandbox, SandboxLimits } from '../execution/sandbox-types.ts';
import type { Tooling } from '../workspace/tooling.ts';
import { applyDiffToRepo } from './apply-diff-to-repo.ts';
import type { Attempt } from './attempt.ts';
import { diagnoseLog } from '../diagnosis/diagnose-log.ts';
import type { FixContext } from './fixer.ts';
import type { FixOutcome, FixProgress, FixReport } from './fix-report.ts';
import { fixWithLlm } from './llm/fix-with-llm.ts';
import type { LlmSettings } from './llm/llm-settings.ts';
import { resolveReportedFiles } from './resolve-reported-files.ts';
import { runFixers } from './run-fixers.ts';
import { selectFixers } from './select-fixers.ts';
import { appliesSkipFailingTests, skipFailingTests } from './skip-failing-tests.ts';
import {
  attemptProgress,
  collectBaselineNotes,
  describeProgress,
  summarizeProgress,
} from './summarize-progress.ts';

const changedLines = (diff: string): number =>
  diff.split('\n').filter((line) => /^[+-](?![+-]{2} )/.test(line)).length;

/**
 * The whole repair: diagnose the log (unless a diagnosis is given), clone the failing commit, install,
 * run the offline fixers, then the LLM strategy when configured; every candidate is guardrail-checked and
 * validated. The user's repository is only written when `apply` is set and the outcome is `fixed`.
 */
export const fixFailure = async (options: {
  repoDir: string;
  log: string;
  diagnosis?: DiagnosisResult;
  commit?: string;
  apply?: boolean;
  cacheDir?: string;
  toolsDir?: string;
  llm?: LlmSettings | null;
  timeoutMs?: number;
  keepWorkspace?: boolean;
  /** The sandbox dependency installs run in (their scripts are repository code); see runInstallCommand. */
  installIsolation?: InstallIsolation | null;
  /** The sandbox validation checks run in (the repository's scripts and the failing CI step). */
  validationSandbox?: { sandbox: Sandbox; limits: SandboxLimits } | null;
}): Promise<FixReport> => {
  const started = Date.now();
  const diagnosis = options.diagnosis ?? diagnoseLog({ text: options.log });
  const workspace = await createWorkspace({
    sourceDir: options.repoDir,
    ...(options.commit ? { commit: options.commit } : {}),
  });
  let tooling: Tooling | null = null;
  let install: InstallReport | null = null;
  const attempts: Attempt[] = [];
  let note = '';
  try {
    tooling = await detectTooling({ dir: workspace.dir });
    try {
      install = await installDependencies({
        dir: workspace.dir,
        tooling,
        sourceDir: options.repoDir,
        ...(options.cacheDir ? { cacheDir: options.cacheDir } : {}),
        isolation: options.installIsolation ?? null,
      });
    } catch (error) {
      if (!isAppError(error)) throw error;
      note = ` Installing dependencies failed: ${error.message}.`;
    }
    const stepEnv = readStepEnv({ log: options.log, diagnosis });
    const files = await resolveReportedFiles({ dir: workspace.dir, diagnosis, log: options.log });
    const context: FixContext = {
      workspace,
      tooling,
      diagnosis,
      log: options.log,
      files,
      timeoutMs: options.timeoutMs ?? 300_000,
      ...(options.toolsDir ? { toolsDir: options.toolsDir } : {}),
      ...(options.validationSandbox
        ? {
            run: createSandboxedRunner({ ...options.validationSandbox, workspaceDir: workspace.dir }),
            runFixer: createSandboxedFixerRunner({ ...options.validationSandbox, workspaceDir: workspace.dir }),
          }
        : {}),
    };
    attempts.push(...(await runFixers({ context, fixers: selectFixers({ context, stepEnv }), stepEnv })));
    if (!attempts.some((attempt) => attempt.kept) && options.llm) {
      attempts.push(
        ...(await fixWithLlm({
          context,
          settings: options.llm,
          stepEnv,
          firstAttemptNumber: attempts.length + 1,
        })),
      );
    }

    // The weakening probe, last and only when nothing else was kept or already refused (see its file).
    if (
      !attempts.some((attempt) => attempt.kept || attempt.guardrails.some((f) => f.severity === 'block')) &&
      appliesSkipFailingTests(context)
    )
      attempts.push(
        ...(await runFixers({
          context,
          fixers: [{ id: 'weakening-probe', strategy: 'probe', run: skipFailingTests }],
          stepEnv,
          firstAttemptNumber: attempts.length + 1,
        })),
      );
    for (const attempt of attempts) {
      const progress = attemptProgress(attempt.validation);
      if (progress) attempt.progress = progress;
    }
    const baselineNotes = collectBaselineNotes({ attempts });
    let progress: FixProgress | null = null;
    const kept = attempts.filter((attempt) => attempt.kept);
    const final = await diffWorkspace({ workspace });
    const blockedAttempt = [...attempts]
      .reverse()
      .find((attempt) => attempt.guardrails.some((finding) => finding.severity === 'block'));
    let outcome: FixOutcome;
    let reason: string;
    let diff = final.diff;
    let reportFiles = final.files;
    let guardrails = checkGuardrails({
      changes: await readFileChanges({ workspace, files: final.files }),
      category: diagnosis.category,
      diagnosedFiles: files,
    }).findings;
    if (kept.length > 0 && !guardrails.some((finding) => finding.severity === 'block')) {
      outcome = 'fixed';
      reason = `${kept.map((attempt) => attempt.fixer).join(' + ')} produced a change that passes ${
        kept
          .at(-1)
          ?.validation?.checks.map((check) => check.name)
          .join(', ') ?? 'validation'
      }.`;
      const keptNotes = collectBaselineNotes({ attempts: kept });
      if (keptNotes.length > 0) reason += ` ${keptNotes.join(' ')}`;
    } else if (blockedAttempt || kept.length > 0) {
      outcome = 'refused';
      const source = blockedAttempt ?? kept.at(-1);
      diff = source?.diff ?? diff;
      reportFiles = source?.files ?? reportFiles;
      guardrails = blockedAttempt?.guardrails ?? guardrails;
      const rules = [
        ...new Set(
          guardrails.filter((finding) => finding.severity === 'block').map((finding) => finding.rule),
        ),
      ].join(', ');
      reason =
        source?.fixer === 'weakening-probe'
          ? `No change that keeps the tests intact was found; the only one left skips the failing test(s) (${diagnosis.failingTests
              .map((test) => test.name)
              .join(
                ', ',
              )}), and the guardrails refuse it (${rules}). A human must fix the code or change the test on purpose.`
          : `The only candidate patch weakens CI: ${rules}.`;
    } else {
      outcome = 'failed';
      diff = '';
      reportFiles = [];
      reason =
        attempts.length === 0
          ? `No offline fixer applies to a ${diagnosis.category} failure${options.llm ? '' : ' and no LLM is configured'}.`
          : `None of the ${attempts.length} attempt(s) produced a change that passes validation.`;
      progress = summarizeProgress({ attempts });
      if (progress) reason += describeProgress(progress);
    }
    reason += note;
    const risk = scoreRisk({
      linesChanged: changedLines(diff),
      files: reportFiles,
      findings: guardrails,
      strategies: (outcome === 'fixed' ? kept : attempts.filter((attempt) => attempt.diff === diff)).map(
        (attempt) => attempt.strategy,
      ),
      diagnosisConfidence: diagnosis.confidence,
      attempts: Math.max(1, attempts.length),
      validated: outcome === 'fixed',
    });
    let applied = false;
    if (options.apply && outcome === 'fixed' && diff.length > 0) {
      await applyDiffToRepo({ repoDir: options.repoDir, diff });
      applied = true;
    }
    return {
      outcome,
      reason,
      diff,
      files: reportFiles,
      risk,
      guardrails,
      attempts,
      diagnosis,
      tooling,
      install,
      applied,
      durationMs: Date.now() - started,
      progress,
      baselineNotes,
    };
  } catch (error) {
    if (isAppError(error)) throw error;
    throw new AppError(
      'INTERNAL',
      `Fixing failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  } finally {
    if (!options.keepWorkspace) await disposeWorkspace({ workspace });
  }
};
