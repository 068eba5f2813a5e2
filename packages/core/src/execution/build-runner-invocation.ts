import { posix } from 'node:path';
import type { RunnerDetection } from './detect-test-runner.ts';
import { quoteShellArg } from './quote-shell-arg.ts';
import { sandboxWorkspacePath } from './sandbox-types.ts';

export type BuildRunnerInvocationOptions = {
  command: string;
  detection: RunnerDetection;
  /** Workspace-relative directory the command runs in. */
  cwd?: string;
  /** Full test names (" > "-joined) to run alone; runner-level filtering. */
  only?: string[];
  shuffle?: boolean;
  /** The runner's own per-test timeout, so a hang is reported against the test instead of the whole run. */
  testTimeoutMs?: number;
};

export type RunnerInvocation = {
  command: string;
  /** Workspace-relative paths with structured results to collect after the run. */
  collectPaths: string[];
  filtered: boolean;
  shuffled: boolean;
};

const resultsDir = `${sandboxWorkspacePath}/.suture-results`;
const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const leaf = (name: string): string => name.split(' > ').pop() ?? name;
const q = (value: string): string => quoteShellArg({ value });

type Extra = { args: string[]; collect: string[]; filtered: boolean; shuffled: boolean };

/** Runner flags that make a test command emit structured results, and optionally filter, shuffle or time-box tests. */
export const buildRunnerInvocation = (options: BuildRunnerInvocationOptions): RunnerInvocation => {
  const { detection } = options;
  const only = options.only ?? [];
  const cwd = options.cwd ?? '.';
  const extra = runnerArgs(detection.runner, only, options.shuffle ?? false, options.testTimeoutMs, cwd);
  if (detection.argStyle === 'none' || (extra.args.length === 0 && detection.runner !== 'go')) {
    const collect = detection.runner === 'maven' ? [posix.join(cwd, 'target/surefire-reports')] : [];
    return { command: options.command, collectPaths: collect, filtered: false, shuffled: false };
  }
  const separator = detection.argStyle === 'after-dashdash' ? ' --' : '';
  const prefix = detection.runner === 'go' ? options.command.replace(/\bgo\s+test\b/, 'go test -v') : options.command;
  return {
    command: `mkdir -p ${resultsDir} && ${prefix}${separator} ${extra.args.join(' ')}`,
    collectPaths: extra.collect,
    filtered: extra.filtered,
    shuffled: extra.shuffled,
  };
};

const runnerArgs = (runner: RunnerDetection['runner'], only: string[], shuffle: boolean, timeoutMs: number | undefined, cwd: string): Extra => {
  const titles = [...new Set(only.map(leaf))];
  const anyOf = titles.map((title) => escapeRegex(title)).join('|');
  const results = '.suture-results';
  switch (runner) {
    case 'node-test':
      return {
        // TAP on stdout survives a kill mid-run (node writes JUnit only at the end) and carries failure locations.
        args: [
          '--test-reporter=tap',
          '--test-reporter-destination=stdout',
          ...(timeoutMs ? [`--test-timeout=${timeoutMs}`] : []),
          ...titles.map((title) => q(`--test-name-pattern=^${escapeRegex(title)}$`)),
        ],
        collect: [],
        filtered: titles.length > 0,
        shuffled: false,
      };
    case 'vitest':
      return {
        args: [
          '--reporter=default',
          '--reporter=junit',
          `--outputFile.junit=${resultsDir}/junit.xml`,
          ...(timeoutMs ? [`--testTimeout=${timeoutMs}`] : []),
          ...(titles.length ? ['-t', q(`^(?:.* )?(?:${anyOf})$`)] : []),
          ...(shuffle ? ['--sequence.shuffle'] : []),
        ],
        collect: [results],
        filtered: titles.length > 0,
        shuffled: shuffle,
      };
    case 'jest':
      return {
        args: [
          '--json',
          `--outputFile=${resultsDir}/jest.json`,
          ...(timeoutMs ? [`--testTimeout=${timeoutMs}`] : []),
          ...(titles.length ? ['-t', q(`(?:${anyOf})$`)] : []),
          ...(shuffle ? ['--randomize'] : []),
        ],
        collect: [results],
        filtered: titles.length > 0,
        shuffled: shuffle,
      };
    case 'pytest':
      return {
        // xunit1 keeps the file attribute on each testcase.
        args: [`--junitxml=${resultsDir}/junit.xml`, '-o', 'junit_family=xunit1', '-rA', ...(titles.length ? ['-k', q(titles.map((t) => t.replace(/\[.*$/, '')).join(' or '))] : [])],
        collect: [results],
        filtered: titles.length > 0,
        shuffled: false,
      };
    case 'go': {
      const tops = [...new Set(only.map((name) => name.split(' > ')[0] ?? name))];
      return {
        args: [...(timeoutMs ? [`-timeout=${Math.ceil(timeoutMs / 1000)}s`] : []), ...(tops.length ? ['-run', q(`^(${tops.map(escapeRegex).join('|')})$`)] : []), ...(shuffle ? ['-shuffle=on'] : [])],
        collect: [],
        filtered: tops.length > 0,
        shuffled: shuffle,
      };
    }
    case 'cargo':
      return { args: only.length ? ['--', '--exact', ...only.map((name) => q(name.split(' > ').join('::')))] : [], collect: [], filtered: only.length > 0, shuffled: false };
    case 'maven': {
      const byClass = new Map<string, string[]>();
      for (const name of only) {
        const parts = name.split(' > ');
        const method = parts.pop() ?? name;
        const cls = parts.pop() ?? '';
        byClass.set(cls, [...(byClass.get(cls) ?? []), method]);
      }
      const selector = [...byClass].map(([cls, methods]) => `${cls.split('.').pop() ?? cls}#${methods.join('+')}`).join(',');
      return {
        args: [...(only.length ? [q(`-Dtest=${selector}`)] : []), ...(shuffle ? ['-Dsurefire.runOrder=random'] : [])],
        collect: [posix.join(cwd, 'target/surefire-reports')],
        filtered: only.length > 0,
        shuffled: shuffle,
      };
    }
    default:
      return { args: [], collect: [], filtered: false, shuffled: false };
  }
};
