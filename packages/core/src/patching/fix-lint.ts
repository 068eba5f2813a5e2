import { z } from 'zod';
import { eslintFixScript } from './eslint-fix-script.ts';
import { findTool } from './find-tool.ts';
import type { FixContext, FixerRun } from './fixer.ts';
import { listFixerCandidates } from './list-fixer-candidates.ts';
import { runFixerTool } from './run-fixer-tool.ts';

const lintable = /\.(?:[cm]?[jt]sx?|vue|svelte)$/;

/** What the script says it rewrote: only a note; the sandboxed path reports the files it actually brought back. */
const ScriptReport = z.object({
  rewritten: z.array(z.string()).max(100_000).optional(),
  suggested: z.number().int().min(0).optional(),
  ignored: z.array(z.string().max(4096)).max(100_000).optional(),
  error: z.string().max(2000).optional(),
});
const readScriptReport = (stdout: string): z.infer<typeof ScriptReport> => {
  const line = stdout.split('\n').find((entry) => entry.startsWith('SUTURE_ESLINT '));
  if (!line) return { error: 'eslint printed no report' };
  try {
    const parsed = ScriptReport.safeParse(JSON.parse(line.slice('SUTURE_ESLINT '.length)));
    return parsed.success ? parsed.data : { error: 'eslint printed an unreadable report' };
  } catch {
    return { error: 'eslint printed an unreadable report' };
  }
};

/**
 * ESLint's own fixes through the repository's installed ESLint API (see eslintFixScript), limited to the rules the
 * log reported. It runs in a node process of its own, in the sandbox when there is one: eslint.config.js is code.
 */
const fixWithEslint = async (context: FixContext): Promise<string> => {
  const dir = context.workspace.dir;
  const rules = context.diagnosis.errorCodes.filter((code) => /^(?:@[\w-]+\/)?[a-z][\w-]*(?:\/[\w-]+)?$/.test(code));
  const unique = [...new Set(rules)];
  const targets = context.files.filter((file) => lintable.test(file));
  const prettier = context.tooling.node?.prettier ? await findTool({ dir, name: 'prettier' }) : null;
  const run = await runFixerTool({
    context,
    command: 'node',
    args: ['-e', eslintFixScript, JSON.stringify(unique), prettier ?? '', ...targets],
    mayChange: await listFixerCandidates({ context, targets, pattern: lintable }),
    runsRepositoryCode: true,
  });
  const report = readScriptReport(run.stdout);
  if (report.error) return `eslint could not run: ${report.error}${run.exitCode === 0 ? '' : ` (exit ${String(run.exitCode)}: ${run.output.trim().slice(-500)})`}`;
  const fixed = run.changedFiles?.length ?? report.rewritten?.length ?? 0;
  const suggested = report.suggested ? `, ${report.suggested} single suggestion(s) applied` : '';
  // An ignored file is why a run rewrites nothing: say so rather than report a silent zero.
  const ignored = report.ignored && report.ignored.length > 0 ? `; ignored by the ESLint config: ${report.ignored.slice(0, 20).join(', ')}` : '';
  return `eslint --fix (${unique.length > 0 ? `rules ${unique.join(', ')}` : 'all fixable rules'}) on ${targets.length > 0 ? targets.join(', ') : 'the project'}: ${fixed} file(s) rewritten${suggested}${context.runFixer ? ' (sandboxed)' : ''}${ignored}`;
};

const fixWithRuff = async (context: FixContext, ruff: string): Promise<string> => {
  const rules = context.diagnosis.errorCodes.filter((code) => /^[A-Z]{1,3}\d{3,4}$/.test(code));
  const targets = context.files.filter((file) => /\.pyi?$/.test(file));
  const args = [
    'check',
    '--fix',
    ...(rules.length > 0 ? ['--select', rules.join(',')] : []),
    ...(targets.length > 0 ? targets : ['.']),
  ];
  // A ruff from the repository's .venv is repository code and runs in the sandbox; a host ruff only parses files.
  const result = await runFixerTool({ context, command: ruff, args, mayChange: await listFixerCandidates({ context, targets, pattern: /\.pyi?$/ }) });
  return `ruff ${args.join(' ')} -> exit ${String(result.exitCode)}`;
};

/** The repository's linter in fix mode, limited to the reported files and rules. Rust lints go through rustc suggestions. */
export const fixLint = async (options: { context: FixContext }): Promise<FixerRun> => {
  const { context } = options;
  const notes: string[] = [];
  if (context.tooling.node?.eslintConfig) {
    try {
      notes.push(await fixWithEslint(context));
    } catch (error) {
      notes.push(`eslint could not run: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (context.tooling.python?.ruff) {
    const ruff = await findTool({
      dir: context.workspace.dir,
      name: 'ruff',
      ...(context.toolsDir ? { toolsDir: context.toolsDir } : {}),
    });
    if (ruff) notes.push(await fixWithRuff(context, ruff));
  }
  const status = await context.workspace.git.raw(['status', '--porcelain']);
  return {
    changed: status.trim().length > 0,
    notes: notes.length > 0 ? notes : ['No linter with a fix mode was found.'],
  };
};
