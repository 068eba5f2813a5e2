import type { LogFormat, NormalizedLine } from './normalized-line.ts';

export type StepInfo = {
  index: number;
  name: string;
  command: string | null;
  startLine: number;
  endLine: number;
  exitCode: number | null;
  failed: boolean;
  /** Line of the exit-code report or error annotation that marked the step failed. */
  failureLine: number | null;
  post: boolean;
};

export type StepTracker = {
  /** Returns the step that this line reports as failed, if it does. */
  observe: (line: NormalizedLine) => StepInfo | null;
  current: () => StepInfo;
  steps: () => StepInfo[];
  failingStep: () => StepInfo | null;
  finish: (options: { totalLines: number; format: LogFormat }) => void;
};

const MAX_STEPS = 5000;
const githubExit = /Process completed with exit code (\d+)/;
const travisExit = /^The command "(.*)" (?:failed and )?exited with (\d+)/;
const gitlabExit = /^ERROR: Job failed: exit code (\d+)/;
const jenkinsExit = /^ERROR: script returned exit code (\d+)/;
// Exit reports of tools in logs without CI step structure; only used when no step failed explicitly.
const plainExit = /(?:exit(?:ed)? (?:with )?(?:code|status) |returned non-zero exit status |\*\*\* \[.*\] Error )(\d+)/;

export const createStepTracker = (): StepTracker => {
  const steps: StepInfo[] = [];
  let plainFailure: { line: number; code: number } | null = null;

  const open = (name: string, command: string | null, line: number): void => {
    const previous = steps[steps.length - 1];
    if (previous) previous.endLine = Math.max(previous.startLine, line - 1);
    const post = /^Post (?:job cleanup|Run )/.test(name);
    // Copies: names are slices of large log chunks and would keep them alive.
    steps.push({ index: steps.length, name: (` ${name}`).slice(1), command: command === null ? null : (` ${command}`).slice(1), startLine: line, endLine: line, exitCode: null, failed: false, failureLine: null, post });
    if (steps.length > MAX_STEPS) {
      // Bounded memory for pathological logs: forget the oldest step that did not fail.
      const victim = steps.findIndex((step) => !step.failed);
      steps.splice(victim === -1 ? 0 : victim, 1);
    }
  };
  open('', null, 1);

  const current = (): StepInfo => steps[steps.length - 1] as StepInfo;

  const fail = (step: StepInfo, code: number | null, line: number): StepInfo | null => {
    if (code === 0) {
      step.exitCode = 0;
      return null;
    }
    if (step.failed && step.exitCode !== null) return null;
    step.failed = true;
    step.exitCode = code ?? step.exitCode;
    step.failureLine = line;
    return step;
  };

  const observe = (nl: NormalizedLine): StepInfo | null => {
    for (const marker of nl.markers) {
      if (marker.type === 'step_start') open(marker.name, marker.command ?? null, nl.line);
    }
    const step = current();
    step.endLine = nl.line;
    const text = nl.text;
    if (text.length < 10) return null;

    if (text.includes('exit code') || nl.annotation === 'error') {
      const gh = githubExit.exec(text);
      if (gh) return fail(step, Number(gh[1]), nl.line);
      const gl = gitlabExit.exec(text) ?? jenkinsExit.exec(text);
      if (gl) return fail(step, Number(gl[1]), nl.line);
      if (nl.annotation === 'error' && !step.post) return fail(step, null, nl.line);
    }
    if (text.startsWith('The command "')) {
      const travis = travisExit.exec(text);
      if (travis) {
        const command = travis[1] ?? '';
        let target = step;
        for (let i = steps.length - 1; i >= Math.max(0, steps.length - 50); i--) {
          if (steps[i]?.command?.trim() === command.trim()) {
            target = steps[i] as StepInfo;
            break;
          }
        }
        return fail(target, Number(travis[2]), nl.line);
      }
    }
    const plain = plainExit.exec(text);
    if (plain && Number(plain[1]) !== 0) plainFailure = { line: nl.line, code: Number(plain[1]) };
    return null;
  };

  const failingStep = (): StepInfo | null =>
    steps.find((step) => step.failed && !step.post) ?? steps.find((step) => step.failed) ?? null;

  const finish = (options: { totalLines: number; format: LogFormat }): void => {
    const first = steps[0];
    if (first && first.name === '') first.name = options.format === 'github_actions' ? 'Set up job' : options.format === 'plain' ? 'log' : 'setup';
    current().endLine = Math.max(current().startLine, options.totalLines);
    // Plain logs have no step markers: the last tool-reported exit code stands for the whole log.
    if (!failingStep() && plainFailure && steps.length === 1 && first) {
      first.failed = true;
      first.exitCode = plainFailure.code;
      first.failureLine = plainFailure.line;
    }
  };

  return { observe, current, steps: () => steps, failingStep, finish };
};
