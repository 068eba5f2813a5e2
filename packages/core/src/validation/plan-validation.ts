import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';
import type { Tooling } from '../workspace/tooling.ts';
import type { ValidationCheck } from './validation-check.ts';

const runners = new Set([
  'npm',
  'npx',
  'pnpm',
  'yarn',
  'bun',
  'node',
  'tsc',
  'eslint',
  'prettier',
  'biome',
  'cargo',
  'rustfmt',
  'go',
  'gofmt',
  'test',
  'python',
  'python3',
  'pytest',
  'ruff',
  'black',
  'mypy',
  'make',
  'mvn',
  'gradle',
  './gradlew',
  'vitest',
  'jest',
]);
// A CI step that publishes, deploys or talks to the outside world is never re-run from a fix attempt.
const unsafe =
  /\b(?:publish|deploy|release|push|upload|docker|kubectl|helm|terraform|curl|wget|ssh|scp|gh\s|aws\s|gcloud|az\s|secrets?)\b/i;

/** Whether the failing step's command may be re-run locally to prove a patch. */
const rerunnable = (command: string): boolean => {
  if (unsafe.test(command) || command.includes('\n')) return false;
  const first =
    command
      .trim()
      .replace(/^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*/, '')
      .split(/\s+/)[0] ?? '';
  return runners.has(first);
};

/**
 * The checks a patch must pass: the repository's own type-check or build (tsc with its tsconfig, its
 * typecheck/build script, node --check for plain JS, cargo check, go build), then the failing CI step itself
 * when it is safe to re-run.
 */
export const planValidation = (options: {
  tooling: Tooling;
  diagnosis: DiagnosisResult;
  changedFiles: readonly string[];
  stepEnv?: Record<string, string>;
}): ValidationCheck[] => {
  const { tooling } = options;
  const env = options.stepEnv ?? {};
  const checks: ValidationCheck[] = [];
  const node = tooling.node;
  if (node) {
    // A tsc-only script without a tsconfig just prints tsc's help and fails: it checks nothing.
    const script = ['typecheck', 'type-check', 'check-types', 'types', 'tsc'].find(
      (name) =>
        node.scripts[name] !== undefined &&
        (node.tsconfig !== null || !/^\s*tsc\b/.test(node.scripts[name] ?? '')),
    );
    const run = node.packageManager === 'npm' ? ['npm', 'run', '--silent'] : [node.packageManager, 'run'];
    if (script)
      checks.push({
        name: `type-check (${script} script)`,
        command: run[0] ?? 'npm',
        args: [...run.slice(1), script],
        env,
        kind: 'build',
      });
    else if (node.tsconfig && node.packages.includes('typescript'))
      checks.push({
        name: 'type-check (tsc)',
        command: 'node_modules/.bin/tsc',
        args: ['--noEmit', '-p', node.tsconfig],
        env,
        kind: 'build',
      });
    else if (node.scripts.build)
      checks.push({
        name: 'build (build script)',
        command: run[0] ?? 'npm',
        args: [...run.slice(1), 'build'],
        env,
        kind: 'build',
      });
    const plainJs = options.changedFiles.filter((file) => /\.(?:c|m)?js$/.test(file));
    if (!script && !node.tsconfig && plainJs.length > 0) {
      for (const file of plainJs)
        checks.push({
          name: `syntax (${file})`,
          command: 'node',
          args: ['--check', file],
          env,
          kind: 'build',
        });
    }
  }
  if (tooling.rust)
    checks.push({
      name: 'cargo check',
      command: 'cargo',
      args: ['check', '--all-targets', '--quiet'],
      env: { CARGO_TERM_COLOR: 'never', ...env },
      kind: 'build',
    });
  if (tooling.go)
    checks.push({ name: 'go build', command: 'go', args: ['build', './...'], env, kind: 'build' });
  if (tooling.python) {
    const python = options.changedFiles.filter((file) => file.endsWith('.py'));
    if (python.length > 0)
      checks.push({
        name: 'python compile',
        command: 'python3',
        args: ['-m', 'py_compile', ...python],
        env,
        kind: 'build',
      });
  }
  const command = options.diagnosis.failingStep?.command;
  if (command && rerunnable(command)) {
    checks.push({
      name: `failing CI step: ${command}`,
      command: 'bash',
      args: ['-e', '-c', command],
      env: { CI: 'true', NO_COLOR: '1', ...env },
      kind: 'rerun',
    });
  }
  return checks;
};
