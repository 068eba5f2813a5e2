import type { FailureCategory } from '../diagnosis/diagnosis-result.ts';
import { fixFormatting } from './fix-format.ts';
import { fixGoImports } from './fix-go-imports.ts';
import { fixLint } from './fix-lint.ts';
import { fixRustSuggestions } from './fix-rust-suggestions.ts';
import { fixTypescriptErrors } from './fix-typescript-errors.ts';
import type { FixContext, FixerRun, Strategy } from './fixer.ts';

export type SelectedFixer = {
  id: string;
  strategy: Strategy;
  run: (context: FixContext) => Promise<FixerRun>;
};

/** When the diagnosis could not classify the failure, the failing command usually says which tool it was. */
const categoryFromCommand = (command: string): FailureCategory | null => {
  if (/prettier|\bfmt\b|gofmt|format|black|biome format/.test(command)) return 'format_error';
  if (/eslint|\blint\b|clippy|ruff|golangci|flake8|pylint/.test(command)) return 'lint_error';
  if (/\btsc\b|typecheck|type-check|cargo (?:build|check)|go (?:build|vet)|\bbuild\b/.test(command))
    return 'compile_error';
  return null;
};

/**
 * The offline fixers worth trying for this failure, most specific first. Test failures, infrastructure
 * trouble and the like get none: no compiler or linter can know what the code should do.
 */
export const selectFixers = (options: {
  context: FixContext;
  stepEnv?: Record<string, string>;
}): SelectedFixer[] => {
  const { context } = options;
  const { tooling } = context;
  const category =
    context.diagnosis.category === 'unknown'
      ? categoryFromCommand(context.diagnosis.failingStep?.command ?? '')
      : context.diagnosis.category;
  const fixers: SelectedFixer[] = [];
  const rust: SelectedFixer = {
    id: 'rustc-suggestions',
    strategy: 'compiler',
    run: async (ctx) =>
      fixRustSuggestions({ context: ctx, ...(options.stepEnv ? { env: options.stepEnv } : {}) }),
  };
  const go: SelectedFixer = {
    id: 'goimports',
    strategy: 'compiler',
    run: async (ctx) => fixGoImports({ context: ctx }),
  };
  if (category === 'format_error')
    fixers.push({
      id: 'formatter',
      strategy: 'formatter',
      run: async (ctx) => fixFormatting({ context: ctx }),
    });
  if (category === 'lint_error') {
    if (tooling.node?.eslintConfig || tooling.python?.ruff)
      fixers.push({ id: 'linter', strategy: 'linter', run: async (ctx) => fixLint({ context: ctx }) });
    if (tooling.rust) fixers.push({ ...rust, strategy: 'linter' });
    if (tooling.go) fixers.push(go);
  }
  if (category === 'type_error' || category === 'compile_error' || category === 'build_config') {
    if (tooling.node?.tsconfig)
      fixers.push({
        id: 'typescript-codefix',
        strategy: 'compiler',
        run: async (ctx) => fixTypescriptErrors({ context: ctx }),
      });
    if (tooling.rust) fixers.push(rust);
    if (tooling.go) fixers.push(go);
  }
  return fixers;
};
