import { spawn } from 'node:child_process';
import { AppError } from '../errors/app-error.ts';
import type { OutputChunk } from './sandbox-types.ts';

export type RunProcessGroupOptions = {
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  wallTimeMs: number;
  /** Per stream. */
  outputBytes: number;
  signal?: AbortSignal;
};

export type ProcessGroupResult = {
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  aborted: boolean;
  startedAt: string;
  wallTimeMs: number;
  stdout: string;
  stderr: string;
  /** What the child wrote on fd 3 (the wrapper's resource report). */
  fd3: string;
  chunks: OutputChunk[];
  outputTruncated: boolean;
};

/**
 * Spawns argv as the leader of a new process group and kills the whole group (SIGKILL to -pgid) at the wall
 * limit or on abort, so nothing the command forked outlives the run. Output is kept with millisecond offsets
 * for the execution trace, capped per stream.
 */
export const runProcessGroup = (options: RunProcessGroupOptions): Promise<ProcessGroupResult> => {
  const [file, ...args] = options.argv;
  if (!file) return Promise.reject(new AppError('BAD_INPUT', 'empty command'));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const startedAt = new Date().toISOString();
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: options.env ?? {},
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    const chunks: OutputChunk[] = [];
    const text = { stdout: '', stderr: '' };
    const sizes = { stdout: 0, stderr: 0 };
    let fd3 = '';
    let truncated = false;
    let timedOut = false;
    let aborted = false;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone: the group exited between the timer firing and the kill.
      }
    };
    const collect = (stream: 'stdout' | 'stderr') => (data: Buffer) => {
      const room = options.outputBytes - sizes[stream];
      if (room <= 0) {
        truncated = true;
        return;
      }
      const piece = data.length > room ? data.subarray(0, room) : data;
      if (piece.length < data.length) truncated = true;
      sizes[stream] += piece.length;
      const chunk = piece.toString('utf8');
      text[stream] += chunk;
      chunks.push({ atMs: Math.round(performance.now() - started), stream, text: chunk });
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    const reportPipe = child.stdio[3];
    if (reportPipe && 'on' in reportPipe) {
      reportPipe.on('data', (data: Buffer) => {
        if (fd3.length < 4096) fd3 += data.toString('utf8');
      });
      reportPipe.on('error', () => undefined);
    }
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.wallTimeMs);
    const onAbort = (): void => {
      aborted = true;
      killGroup();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    child.on('error', (error) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new AppError('UNAVAILABLE', `cannot start ${file}: ${error.message}`, { cause: error }));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      // A group member may still hold the pipes' write ends after the leader exits; make sure none survive.
      killGroup();
      resolve({
        exitCode: code,
        signal,
        timedOut,
        aborted,
        startedAt,
        wallTimeMs: Math.round(performance.now() - started),
        stdout: text.stdout,
        stderr: text.stderr,
        fd3,
        chunks,
        outputTruncated: truncated,
      });
    });
  });
};
