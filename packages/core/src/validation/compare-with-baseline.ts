import type { CommandResult } from '../workspace/run-command.ts';
import { extractErrorSignatures, subtractSignatures, type ErrorSignature } from './extract-error-signatures.ts';
import type { CheckBaseline } from './validation-check.ts';

/**
 * Compares a failed check's errors with the same check's errors on the unpatched tree. Errors are compared as
 * signatures without line numbers, so lines shifted by the patch do not count as new errors. Output with no
 * recognisable error at all on both sides is the same failure only when the exit code is the same.
 */
export const compareWithBaseline = (options: {
  dir: string;
  patched: CommandResult;
  baseline: CommandResult;
}): CheckBaseline => {
  const { patched, baseline } = options;
  const ok = baseline.exitCode === 0 && !baseline.timedOut;
  const errors = ok ? [] : extractErrorSignatures({ output: baseline.output, dir: options.dir });
  const after = extractErrorSignatures({ output: patched.output, dir: options.dir });
  let introduced = ok ? after : subtractSignatures(after, errors);
  if (!ok && errors.length === 0 && after.length === 0 && patched.exitCode !== baseline.exitCode)
    introduced = [`exit code ${String(patched.exitCode)} (was ${String(baseline.exitCode)})`];
  const resolved = subtractSignatures(errors, after);
  const remaining = subtractSignatures(errors, resolved);
  return { ok, exitCode: baseline.exitCode, timedOut: baseline.timedOut, errors, resolved, remaining, introduced };
};

/** "TS2307 in src/a.ts, E0425 in src/lib.rs and 2 more": short enough for a sentence. */
export const describeSignatures = (signatures: readonly ErrorSignature[], max = 3): string => {
  if (signatures.length === 0) return 'no error message recognised';
  const short = [
    ...new Set(
      signatures.map((signature) => {
        const m = /^(.+?): ([A-Z]+\d+|[a-z@][\w@/-]*\/[\w-]+|[a-z]+(?:-[a-z]+)+) /.exec(signature);
        return m ? `${m[2]} in ${m[1]}` : signature;
      }),
    ),
  ];
  const shown = short.slice(0, max).join(', ');
  return short.length > max ? `${shown} and ${short.length - max} more` : shown;
};
