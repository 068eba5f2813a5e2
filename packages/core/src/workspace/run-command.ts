import { spawn } from 'node:child_process';

export type CommandResult = {
  command: string;
  exitCode: number | null;
  /** stdout and stderr interleaved in arrival order, which is how a CI log shows them. */
  output: string;
  stdout: string;
  timedOut: boolean;
  durationMs: number;
};

const MAX_OUTPUT = 2_000_000;

/**
 * Runs one program without a shell. Extra variables go through env(1) so this module never has to read
 * process.env itself; the child inherits the caller's environment as usual.
 */
export type RunCommandOptions = {
  cwd: string;
  command: string;
  args?: readonly string[];
  env?: Record<string, string>;
  timeoutMs?: number;
  input?: string;
};

export const runCommand = (options: RunCommandOptions): Promise<CommandResult> => {
  const args = options.args ?? [];
  const envPairs = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`);
  const [program, argv] =
    envPairs.length > 0 ? ['env', [...envPairs, options.command, ...args]] : [options.command, [...args]];
  const display = [options.command, ...args].join(' ');
  const started = Date.now();
  return new Promise((resolvePromise) => {
    // A process group of its own, so a timeout kills the whole tree (npm -> node -> tsc).
    const child = spawn(program, argv, {
      cwd: options.cwd,
      detached: true,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let stdout = '';
    let timedOut = false;
    const append = (chunk: Buffer, isStdout: boolean): void => {
      const text = chunk.toString('utf8');
      if (output.length < MAX_OUTPUT) output += text;
      if (isStdout && stdout.length < MAX_OUTPUT) stdout += text;
    };
    child.stdout?.on('data', (chunk: Buffer) => append(chunk, true));
    child.stderr?.on('data', (chunk: Buffer) => append(chunk, false));
    const timer = options.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          try {
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          } catch {
            // Already gone: nothing to kill.
          }
        }, options.timeoutMs)
      : undefined;
    child.on('error', (error) => {
      if (timer) clearTimeout(timer);
      resolvePromise({
        command: display,
        exitCode: 127,
        output: `${output}${error.message}\n`,
        stdout,
        timedOut,
        durationMs: Date.now() - started,
      });
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolvePromise({
        command: display,
        exitCode: timedOut ? null : code,
        output,
        stdout,
        timedOut,
        durationMs: Date.now() - started,
      });
    });
    if (child.stdin) {
      // A child that exits without reading its input must not crash us with EPIPE.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.input);
    }
  });
};
