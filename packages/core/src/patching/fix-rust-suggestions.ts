import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../workspace/run-command.ts';
import { defaultFixerLimits, snapshotFixerCandidates } from '../workspace/snapshot-fixer-candidates.ts';
import { chooseRustEdits } from './choose-rust-edits.ts';
import { collectRustSuggestions } from './collect-rust-suggestions.ts';
import type { RustEdit, RustSuggestion } from './collect-rust-suggestions.ts';
import type { FixContext, FixerRun } from './fixer.ts';

// cargo fix's own bound: applying one round's edits can uncover new suggestions, rarely more than a few deep.
const MAX_ROUNDS = 4;

/** Applies non-overlapping edits to one file, back to front so byte offsets stay valid. */
const applyEdits = (source: Buffer, edits: readonly RustEdit[]): Buffer => {
  let result = source;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    result = Buffer.concat([
      result.subarray(0, edit.start),
      Buffer.from(edit.replacement),
      result.subarray(edit.end),
    ]);
  }
  return result;
};

/**
 * rustc's (and, for lint failures, clippy's) MachineApplicable suggestions from JSON diagnostics, limited to
 * the reported files. Warnings are only fixed when CI denies them (`-D warnings`), because otherwise they
 * did not fail the build.
 */
export const fixRustSuggestions = async (options: {
  context: FixContext;
  env?: Record<string, string>;
}): Promise<FixerRun> => {
  const { context } = options;
  const dir = context.workspace.dir;
  const command = context.diagnosis.failingStep?.command ?? '';
  const useClippy =
    /\bclippy\b/.test(command) || (context.diagnosis.category === 'lint_error' && /clippy/.test(context.log));
  const denyWarnings = /-D\s*warnings|deny\(warnings\)|implied by `-D warnings`/.test(
    `${command}\n${context.log}`,
  );
  const reported = new Set(context.files.filter((file) => file.endsWith('.rs')));
  const notes: string[] = [];
  let changed = false;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const args = [useClippy ? 'clippy' : 'check', '--all-targets', '--message-format=json', '--quiet'];
    // cargo check/clippy runs build.rs and proc macros (repository code): in the sandbox when there is one, on a
    // throwaway copy. Only its JSON comes back, and the edits are applied here, to files checked below.
    const result = await (context.run ?? runCommand)({
      cwd: dir,
      command: 'cargo',
      args,
      env: { CARGO_TERM_COLOR: 'never', ...options.env },
      timeoutMs: context.timeoutMs,
    });
    const wanted = collectRustSuggestions({ output: result.stdout }).filter(
      (suggestion: RustSuggestion) =>
        (suggestion.level === 'error' || (denyWarnings && suggestion.level === 'warning')) &&
        (reported.size === 0 || reported.has(suggestion.file)),
    );
    // The JSON is as untrusted as the code that printed it: an edit lands only in an existing .rs file of the
    // workspace, reached through no symlink, outside .git (snapshotFixerCandidates' rules).
    const safe = await snapshotFixerCandidates({
      workspaceDir: dir,
      paths: [...new Set(wanted.flatMap((suggestion) => suggestion.edits.map((edit) => edit.file)))].filter((file) => file.endsWith('.rs')).slice(0, defaultFixerLimits.maxFiles),
      limits: defaultFixerLimits,
    });
    // Each edit once, even when the lib and the test build both report it (see chooseRustEdits).
    const { edits: chosen, applied, conflicting } = chooseRustEdits({
      suggestions: wanted.filter((suggestion) => suggestion.edits.every((edit) => safe.has(edit.file))),
    });
    for (const suggestion of applied)
      notes.push(`${suggestion.file}: ${suggestion.code ?? suggestion.level}: ${suggestion.message}`);
    for (const suggestion of conflicting)
      notes.push(
        `${suggestion.file}: held back in round ${round + 1} (conflicts with an edit chosen first): ${suggestion.message}`,
      );
    if (chosen.length === 0) break;
    if (round === MAX_ROUNDS - 1)
      notes.push(`stopped after ${MAX_ROUNDS} rounds of cargo suggestions; some may remain.`);
    for (const file of new Set(chosen.map((edit) => edit.file))) {
      const path = join(dir, file);
      await writeFile(
        path,
        applyEdits(
          await readFile(path),
          chosen.filter((edit) => edit.file === file),
        ),
      );
    }
    changed = true;
  }
  return {
    changed,
    notes:
      notes.length > 0 ? notes : ['rustc offered no machine-applicable suggestion for the reported files.'],
  };
};
