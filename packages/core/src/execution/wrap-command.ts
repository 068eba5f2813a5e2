import { quoteShellArg } from './quote-shell-arg.ts';
import type { ResourceUsage } from './sandbox-types.ts';

// The wrapper shell waits for the user command and then reports its children's CPU time from /proc/$$/stat on
// fd 3 (closed for the command itself). Node cannot get rusage of a grandchild inside a PID namespace; the
// waiting shell can, at no extra process cost.
const wrapper = (launcher: string): string => `${launcher}/bin/sh -c "$1" 3>&-; rc=$?; read -r s < /proc/$$/stat; echo "$s" >&3; exit $rc`;

export type WrapCommandOptions = {
  command: string;
  /** argv the command's shell runs under (the egress forwarder); its CPU time is counted with the command's. */
  launcher?: string[];
};

/** argv that runs `command` under the reporting wrapper. */
export const wrapCommand = (options: WrapCommandOptions): string[] => {
  const launcher = (options.launcher ?? []).map((arg) => `${quoteShellArg({ value: arg })} `).join('');
  return ['/bin/sh', '-c', wrapper(launcher), 'suture-wrap', options.command];
};

export type ParseProcStatOptions = { text: string; clockTicksPerSecond?: number };

/** cutime/cstime (fields 16 and 17) of the wrapper shell = CPU of everything it waited for. */
export const parseProcStat = (options: ParseProcStatOptions): ResourceUsage | null => {
  const line = options.text.trim().split('\n').pop() ?? '';
  // The command name (field 2) may contain spaces; fields are counted after its closing parenthesis.
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  if (!Number.isFinite(cutime) || !Number.isFinite(cstime) || fields.length < 15) return null;
  const tick = 1000 / (options.clockTicksPerSecond ?? 100);
  return { cpuUserMs: Math.round(cutime * tick), cpuSystemMs: Math.round(cstime * tick) };
};
