import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';
import type { FixerCommandRunner } from '../workspace/create-sandboxed-fixer-runner.ts';
import type { CommandRunner } from '../workspace/create-sandboxed-runner.ts';
import type { Tooling } from '../workspace/tooling.ts';
import type { Workspace } from '../workspace/workspace.ts';

/** How a change was produced; the risk model and the report key off this. */
/** `probe`: the weakening probe (skip-failing-tests.ts), whose change is always refused. */
export type Strategy = 'formatter' | 'linter' | 'compiler' | 'llm' | 'probe';

export type FixContext = {
  workspace: Workspace;
  tooling: Tooling;
  diagnosis: DiagnosisResult;
  log: string;
  /** Repository-relative files the failure points at, existing in the workspace. */
  files: string[];
  timeoutMs: number;
  /** Extra directory searched for helper binaries such as goimports. */
  toolsDir?: string;
  /** Where validation checks run (the sandbox in production; see validatePatch). */
  run?: CommandRunner;
  /** Where fixers that run repository code run (the sandbox in production; see runFixerTool). */
  runFixer?: FixerCommandRunner;
};

export type FixerRun = {
  /** Whether the fixer edited anything. */
  changed: boolean;
  notes: string[];
};

export type Fixer = {
  id: string;
  strategy: Strategy;
  /** Cheap check on the diagnosis and tooling: should this fixer be tried at all? */
  appliesTo: (context: FixContext) => boolean;
  run: (context: FixContext) => Promise<FixerRun>;
};
