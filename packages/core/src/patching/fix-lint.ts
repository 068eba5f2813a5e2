import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCommand } from '../workspace/run-command.ts';
import { findTool } from './find-tool.ts';
import type { FixContext, FixerRun } from './fixer.ts';

type LintMessage = { ruleId: string | null };
type LintResult = { filePath: string; messages: LintMessage[]; output?: string };
type EslintInstance = { lintFiles: (patterns: string[]) => Promise<LintResult[]> };
type EslintModule = {
  ESLint: (new (options: { cwd: string; fix: (message: LintMessage) => boolean }) => EslintInstance) & {
    outputFixes: (results: LintResult[]) => Promise<void>;
  };
};

const isEslintModule = (value: unknown): value is EslintModule =>
  typeof value === 'object' && value !== null && 'ESLint' in value && typeof value.ESLint === 'function';

/**
 * ESLint's own fixes through the repository's installed ESLint API, so fixes can be limited to the rules
 * the log reported (the CLI can only filter by fix type).
 */
const fixWithEslint = async (context: FixContext): Promise<string> => {
  const dir = context.workspace.dir;
  const resolved = createRequire(join(dir, 'package.json')).resolve('eslint');
  const loaded: unknown = await import(pathToFileURL(resolved).href);
  const eslintModule = isEslintModule(loaded)
    ? loaded
    : isEslintModule((loaded as { default?: unknown }).default)
      ? (loaded as { default: EslintModule }).default
      : null;
  if (!eslintModule) return 'The installed eslint package has no ESLint API.';
  const rules = new Set(
    context.diagnosis.errorCodes.filter((code) => /^(?:@[\w-]+\/)?[a-z][\w-]*(?:\/[\w-]+)?$/.test(code)),
  );
  const eslint = new eslintModule.ESLint({
    cwd: dir,
    fix: (message) => rules.size === 0 || (message.ruleId !== null && rules.has(message.ruleId)),
  });
  const targets = context.files.filter((file) => /\.(?:[cm]?[jt]sx?|vue|svelte)$/.test(file));
  const results = await eslint.lintFiles(targets.length > 0 ? targets : ['.']);
  const rewritten = results
    .filter((result) => result.output !== undefined)
    .map((result) => relative(dir, result.filePath));
  const prettier = context.tooling.node?.prettier ? await findTool({ dir, name: 'prettier' }) : null;
  // Autofixes ignore layout (curly adds "{return x;}"); re-format only files that were Prettier-clean before.
  const clean: string[] = [];
  if (prettier) {
    for (const file of rewritten) {
      const check = await runCommand({
        cwd: dir,
        command: prettier,
        args: ['--check', file],
        timeoutMs: context.timeoutMs,
      });
      if (check.exitCode === 0) clean.push(file);
    }
  }
  await eslintModule.ESLint.outputFixes(results);
  if (prettier && clean.length > 0)
    await runCommand({
      cwd: dir,
      command: prettier,
      args: ['--write', ...clean],
      timeoutMs: context.timeoutMs,
    });
  const fixed = rewritten.length;
  return `eslint --fix (${rules.size > 0 ? `rules ${[...rules].join(', ')}` : 'all fixable rules'}) on ${targets.length > 0 ? targets.join(', ') : 'the project'}: ${fixed} file(s) rewritten`;
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
  const result = await runCommand({
    cwd: context.workspace.dir,
    command: ruff,
    args,
    timeoutMs: context.timeoutMs,
  });
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
