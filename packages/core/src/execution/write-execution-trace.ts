import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SandboxLimits, SandboxRunResult } from './sandbox-types.ts';

export type ExecutionTrace = {
  version: 1;
  backend: SandboxRunResult['backend'];
  command: string;
  startedAt: string;
  wallTimeMs: number;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  limitHit: SandboxRunResult['limitHit'];
  resourceUsage: SandboxRunResult['resourceUsage'];
  limits: SandboxLimits;
  outputTruncated: boolean;
  /** Output in arrival order; atMs is relative to startedAt. */
  output: SandboxRunResult['chunks'];
};

export type WriteExecutionTraceOptions = { path: string; result: SandboxRunResult; limits: SandboxLimits };

/** Persists one run as a JSON artifact (the diagnosis UI and the PR report link to it). */
export const writeExecutionTrace = async (options: WriteExecutionTraceOptions): Promise<ExecutionTrace> => {
  const { result } = options;
  const trace: ExecutionTrace = {
    version: 1,
    backend: result.backend,
    command: result.command,
    startedAt: result.startedAt,
    wallTimeMs: result.wallTimeMs,
    exitCode: result.exitCode,
    signal: result.signal,
    timedOut: result.timedOut,
    limitHit: result.limitHit,
    resourceUsage: result.resourceUsage,
    limits: options.limits,
    outputTruncated: result.outputTruncated,
    output: result.chunks,
  };
  await mkdir(dirname(options.path), { recursive: true });
  await writeFile(options.path, `${JSON.stringify(trace, null, 2)}\n`);
  return trace;
};
