import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { isAppError } from '../../errors/app-error.ts';
import type { ValidationResult } from '../../validation/validation-check.ts';
import { applyTransaction } from '../../workspace/apply-transaction.ts';
import type { Attempt } from '../attempt.ts';
import type { FixContext } from '../fixer.ts';
import { judgeChange } from '../judge-change.ts';
import { applyMorphEdit } from './apply-morph-edit.ts';
import { applySearchReplace } from './apply-search-replace.ts';
import { gatherLlmFiles } from './gather-llm-files.ts';
import type { LlmSettings } from './llm-settings.ts';
import { proposeClaudeEdits } from './propose-claude-edits.ts';
import type { EditProposal } from './propose-claude-edits.ts';

const describeProblem = (context: FixContext): string => {
  const { diagnosis } = context;
  const lines = context.log.split('\n');
  const isEvidence = (number: number): boolean =>
    diagnosis.evidence.some((range) => range.start <= number && number <= range.end);
  // The context ranges around the evidence (older diagnoses have none: a few lines either side), with the
  // evidence lines themselves marked so the model reads the cause first and the surroundings as support.
  const excerpt = diagnosis.evidence
    .map((range, index) => {
      const around = diagnosis.context?.[index] ?? { start: range.start - 3, end: range.end + 3 };
      const from = Math.max(1, Math.min(around.start, range.start));
      const to = Math.min(lines.length, Math.max(around.end, range.end));
      const numbered: string[] = [];
      for (let number = from; number <= to; number++) {
        const text = (lines[number - 1] ?? '').replace(/^\S+Z /, '');
        numbered.push(`${number}${isEvidence(number) ? '>' : ' '} ${text}`);
      }
      return numbered.join('\n');
    })
    .join('\n...\n')
    .slice(0, 12_000);
  return [
    `CI failed: ${diagnosis.summary}`,
    `Category: ${diagnosis.category}. Root cause as diagnosed:\n${diagnosis.rootCause}`,
    diagnosis.failingTests.length > 0
      ? `Failing tests: ${diagnosis.failingTests.map((test) => test.name).join('; ')}`
      : '',
    `Log excerpt (line number, ">" marks the lines that state the cause):\n<log>\n${excerpt}\n</log>`,
  ]
    .filter((part) => part.length > 0)
    .join('\n\n');
};

/** Writes one proposal into the workspace; returns why an edit could not be applied, if one could not. */
const applyProposal = async (
  context: FixContext,
  settings: LlmSettings,
  proposal: EditProposal,
): Promise<string[]> => {
  const problems: string[] = [];
  for (const edit of proposal.edits) {
    const path = normalize(edit.path).replace(/^\/+/, '');
    if (
      path.startsWith('..') ||
      path.split('/').includes('.git') ||
      path.split('/').includes('node_modules')
    ) {
      problems.push(`${edit.path}: outside the repository`);
      continue;
    }
    const file = join(context.workspace.dir, path);
    const current = await readFile(file, 'utf8').catch(() => null);
    if (settings.morphApiKey && edit.codeEdit !== undefined) {
      const merged = await applyMorphEdit({
        apiKey: settings.morphApiKey,
        ...(settings.morphBaseUrl ? { baseUrl: settings.morphBaseUrl } : {}),
        ...(settings.morphModel ? { model: settings.morphModel } : {}),
        instruction: edit.instruction ?? proposal.explanation,
        code: current ?? '',
        codeEdit: edit.codeEdit,
      });
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, merged);
      continue;
    }
    if (edit.search === undefined || edit.replace === undefined) {
      problems.push(`${edit.path}: an edit needs both search and replace`);
      continue;
    }
    if (current === null) {
      problems.push(`${edit.path}: no such file`);
      continue;
    }
    const result = applySearchReplace({ text: current, search: edit.search, replace: edit.replace });
    if (!result.ok) problems.push(`${edit.path}: ${result.reason}`);
    else await writeFile(file, result.text);
  }
  return problems;
};

/**
 * The LLM strategy: Claude proposes edits, Morph (when configured) or the search/replace applier writes
 * them, then guardrails and validation decide. Up to `maxAttempts` rounds, each failed one rolled back and
 * its diff, diagnostics and guardrail findings fed into the next request.
 */
export const fixWithLlm = async (options: {
  context: FixContext;
  settings: LlmSettings;
  stepEnv?: Record<string, string>;
  firstAttemptNumber: number;
}): Promise<Attempt[]> => {
  const { context, settings } = options;
  const attempts: Attempt[] = [];
  const feedback: string[] = [];
  const problem = describeProblem(context);
  for (let round = 0; round < (settings.maxAttempts ?? 3); round += 1) {
    const started = Date.now();
    const files = await gatherLlmFiles({ dir: context.workspace.dir, files: context.files });
    let notes: string[] = [];
    let applyProblems: string[] = [];
    let unavailable = false;
    const transaction = await applyTransaction<{
      validation: ValidationResult | null;
      findings: Attempt['guardrails'];
    }>({
      workspace: context.workspace,
      label: `suture: llm attempt ${round + 1}`,
      apply: async () => {
        let answer: Awaited<ReturnType<typeof proposeClaudeEdits>>;
        try {
          answer = await proposeClaudeEdits({
            apiKey: settings.anthropicApiKey,
            ...(settings.anthropicBaseUrl ? { baseUrl: settings.anthropicBaseUrl } : {}),
            model: settings.model,
            mode: settings.morphApiKey ? 'lazy' : 'search_replace',
            problem,
            files,
            feedback,
          });
        } catch (error) {
          // An unreachable or misbehaving model ends the strategy; the offline result stands.
          if (!isAppError(error)) throw error;
          unavailable = true;
          applyProblems = [error.message];
          return;
        }
        const { proposal, tokens } = answer;
        notes = [
          `${proposal.explanation}`,
          `${proposal.edits.length} edit(s); ${tokens.input} input / ${tokens.output} output tokens`,
        ];
        applyProblems = await applyProposal(context, settings, proposal);
      },
      decide: async (change) =>
        applyProblems.length > 0
          ? { keep: false, result: { validation: null, findings: [] } }
          : judgeChange({ context, change, stepEnv: options.stepEnv }),
    });
    const { validation, findings } = transaction.result;
    attempts.push({
      number: options.firstAttemptNumber + round,
      fixer: settings.morphApiKey ? 'claude+morph' : 'claude+search-replace',
      strategy: 'llm',
      diff: transaction.diff,
      files: transaction.files,
      notes: [...notes, ...applyProblems.map((text) => `not applied: ${text}`)],
      validation,
      guardrails: findings,
      kept: transaction.kept,
      durationMs: Date.now() - started,
    });
    if (transaction.kept || unavailable) break;
    const blocked = findings.filter((finding) => finding.severity === 'block');
    feedback.push(
      [
        transaction.diff ? `Your diff:\n${transaction.diff.slice(0, 8000)}` : 'Your edits changed nothing.',
        applyProblems.length > 0 ? `These edits could not be applied: ${applyProblems.join('; ')}` : '',
        blocked.length > 0
          ? `Refused by guardrails, do not do this again: ${blocked.map((finding) => `${finding.rule} at ${finding.file}:${String(finding.line)}: ${finding.explanation}`).join('; ')}`
          : '',
        validation && !validation.ok ? `Validation failed:\n${validation.diagnostics.slice(-8000)}` : '',
      ]
        .filter((part) => part.length > 0)
        .join('\n'),
    );
  }
  return attempts;
};
