import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error.ts';
import { detectInstallCommand } from './detect-install-command.ts';
import { detectTestCommand } from './detect-test-command.ts';
import { detectTestRunner, type RunnerDetection } from './detect-test-runner.ts';
import { findWorkflowStep, type WorkflowStep } from './find-workflow-step.ts';
import { readPackageInfo } from './read-package-info.ts';

export type TestPlan = {
  source: 'cli' | 'workflow' | 'detected';
  command: string;
  /** Workspace-relative. */
  cwd: string;
  env: Record<string, string>;
  install: string | null;
  detection: RunnerDetection;
  workflowStep: WorkflowStep | null;
};

export type PrepareTestPlanOptions = {
  repoDir: string;
  /** Overrides everything else (the CLI's --cmd). */
  command?: string;
  jobName?: string;
  stepName?: string;
};

/** What to run and where: an explicit command, else the failed workflow step, else the project's test command. */
export const prepareTestPlan = async (options: PrepareTestPlanOptions): Promise<TestPlan> => {
  const info = await stat(options.repoDir).catch(() => null);
  if (!info?.isDirectory()) throw new AppError('BAD_INPUT', `not a directory: ${options.repoDir}`);
  const step = options.command ? null : await findWorkflowStep({ repoDir: options.repoDir, jobName: options.jobName, stepName: options.stepName });
  const cwd = step?.workingDirectory ?? '.';
  const dir = join(options.repoDir, cwd);
  const command = options.command ?? step?.command ?? (await detectTestCommand({ dir }));
  if (!command) {
    throw new AppError('BAD_INPUT', `no test command found in ${options.repoDir}: no workflow test step and no package.json/Cargo.toml/go.mod/pom.xml/pytest project; pass one with --cmd`);
  }
  const pkg = await readPackageInfo({ dir });
  return {
    source: options.command ? 'cli' : step ? 'workflow' : 'detected',
    command,
    cwd,
    env: step?.env ?? {},
    install: await detectInstallCommand({ dir }),
    detection: detectTestRunner({ command, scripts: pkg?.scripts }),
    workflowStep: step,
  };
};
