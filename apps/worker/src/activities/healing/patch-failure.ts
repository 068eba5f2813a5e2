// Produces, validates and guardrail-checks a patch in a scratch clone of the failing commit; records
// every attempt (kept or rolled back) with its diff and diagnostics.
import { DiagnosisResult } from '@suture/core/diagnosis/diagnosis-result';
import { fixFailure } from '@suture/core/patching/fix-failure';
import type { Attempt } from '@suture/core/patching/attempt';
import { Prisma, readArtifact, type PatchStrategy } from '@suture/db';
import { ApplicationFailure } from '@temporalio/activity';
import { join } from 'node:path';
import type { HealingDeps } from './deps.ts';
import { ensureCheckout, loadRun } from './checkout.ts';
import { createRunSandbox } from './create-run-sandbox.ts';
import { defaultEgressRules } from '@suture/core/egress/default-egress-rules';
import { resolveSandboxLimits } from '@suture/core/execution/resolve-sandbox-limits';
import { withHeartbeat } from './run-test-analysis.ts';
import type { PatchResult, RunRef } from './types.ts';

const strategyOf = (attempt: Attempt): PatchStrategy => {
  if (attempt.strategy === 'probe') return 'weakening_probe';
  if (attempt.strategy === 'formatter') return 'formatter';
  if (attempt.strategy === 'linter') return 'linter_fix';
  if (attempt.strategy === 'llm') return /morph/i.test(attempt.fixer) ? 'llm_morph' : 'llm_search_replace';
  if (/rust|cargo/i.test(attempt.fixer)) return 'rustc_suggestion';
  if (/go/i.test(attempt.fixer)) return 'go_imports';
  return 'ts_codefix';
};

const countLines = (diff: string, sign: '+' | '-') =>
  diff.split('\n').filter((l) => l.startsWith(sign) && !l.startsWith(`${sign}${sign}${sign} `)).length;

const json = (value: unknown) => JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;

export const patchFailure = async (deps: HealingDeps, input: RunRef): Promise<PatchResult> => {
  const run = await loadRun(deps, input.healingRunId);
  const repoDir = await ensureCheckout(deps, run);
  const stored = await deps.db.diagnosis.findFirst({
    where: { healingRunId: run.id },
    orderBy: { createdAt: 'desc' },
  });
  const diagnosis = DiagnosisResult.safeParse(stored?.result);
  if (!stored || !diagnosis.success)
    throw ApplicationFailure.nonRetryable('no valid diagnosis recorded for this run', 'BusinessRejection');
  if (!run.failureEvent.logArtifactId)
    throw ApplicationFailure.nonRetryable('no CI log recorded for this run', 'BusinessRejection');
  const log = (await readArtifact({ db: deps.db, sha256: run.failureEvent.logArtifactId })).toString('utf8');

  // The fixers' dependency install runs its scripts in the sandbox, reaching only the npm registry (or the
  // configured allowlist) through the egress proxy.
  const egress = deps.sandbox.egress === 'default' ? { rules: defaultEgressRules({ installCommand: 'npm yarn' }) } : deps.sandbox.egress;
  // Validation checks (the repository's scripts, build.rs, the failing CI step) run in the same sandbox, offline.
  const sandbox = await createRunSandbox(deps, { egress: egress !== null });
  const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 10 * 60_000 } });
  const installIsolation = { sandbox, egress: egress ? { policy: egress } : null, limits };
  const report = await withHeartbeat(() =>
    fixFailure({
      installIsolation,
      validationSandbox: { sandbox, limits },
      repoDir,
      commit: run.failureEvent.headSha,
      log,
      diagnosis: diagnosis.data,
      llm: deps.llm,
      cacheDir: join(deps.cacheDir, 'fixers'),
      toolsDir: join(deps.cacheDir, 'tools'),
    }),
  );

  await deps.db.$transaction(async (tx) => {
    await tx.patchAttempt.deleteMany({ where: { healingRunId: run.id } });
    const lastKept =
      report.outcome === 'fixed'
        ? Math.max(...report.attempts.filter((a) => a.kept).map((a) => a.number))
        : -1;
    for (const attempt of report.attempts) {
      // The selected row carries the final patch (all kept attempts together) with its risk and findings.
      const selected = attempt.number === lastKept;
      const diff = selected ? report.diff : attempt.diff;
      await tx.patchAttempt.create({
        data: {
          healingRunId: run.id,
          attempt: attempt.number,
          strategy: strategyOf(attempt),
          diff,
          filesChanged: (selected ? report.files : attempt.files).length,
          linesAdded: countLines(diff, '+'),
          linesRemoved: countLines(diff, '-'),
          validationStatus: attempt.validation ? (attempt.validation.ok ? 'passed' : 'failed') : 'skipped',
          validationOutput: attempt.validation
            ? attempt.validation.checks
                .map((c) => `${c.name}: ${c.ok ? 'ok' : c.accepted ? 'failed before the patch too (not caused by it)' : 'failed'}`)
                .join('\n')
            : null,
          diagnostics: json({ fixer: attempt.fixer, notes: attempt.notes, validation: attempt.validation, progress: attempt.progress ?? null }),
          riskScore: selected ? report.risk.score : null,
          riskReasons: selected ? json(report.risk.reasons) : Prisma.DbNull,
          guardrailFindings: json(selected ? report.guardrails : attempt.guardrails),
          selected,
          durationMs: Math.round(attempt.durationMs),
        },
      });
    }
  });
  return { outcome: report.outcome, attempts: report.attempts.length, detail: report.reason };
};
