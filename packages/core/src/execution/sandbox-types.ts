import type { EgressReport, SandboxEgressRequest } from '../egress/egress-types.ts';

// Shared shapes for every sandbox backend. A backend turns one request into one result; everything above it
// (reproduction, parsing, flakiness) is backend-agnostic.

export type SandboxBackendName = 'local' | 'docker' | 'freestyle';

/** Where the workspace lives inside every backend, so parsers can strip one known prefix from paths. */
export const sandboxWorkspacePath = '/workspace';
export const sandboxHomePath = '/home/sandbox';

export type SandboxLimits = {
  wallTimeMs: number;
  cpuSeconds: number;
  memoryBytes: number;
  processes: number;
  fileSizeBytes: number;
  tmpBytes: number;
  /** Per stream; output past it is dropped and the result says so. */
  outputBytes: number;
};

export type SandboxRunRequest = {
  /** Host directory with the project. */
  workspaceDir: string;
  /** `copy` runs in a throwaway copy (the default); `in-place` writes into workspaceDir (used for the install phase on our own copy). */
  workspaceMode?: 'copy' | 'in-place';
  /** Shell command, run by /bin/sh -c. */
  command: string;
  /** Relative to the workspace root. */
  cwd?: string;
  /**
   * Controlled egress (the install phase): the run still has its own network namespace, and reaches only the
   * policy's hosts through Suture's proxy. Absent: no network at all. No run ever shares the host's network.
   */
  egress?: SandboxEgressRequest | null;
  env?: Record<string, string>;
  limits: SandboxLimits;
  /** Host directories bound read-only at a path of the sandbox (e.g. a workspace's node_modules link target). */
  readOnlyBinds?: Array<{ source: string; target: string }>;
  /** Workspace-relative files or directories whose contents the caller wants back (result files). */
  collectPaths?: string[];
  /** Bounds on what collectPaths brings back (default 200 files of at most 16 MiB each). */
  collectLimits?: { maxFiles: number; maxFileBytes: number };
  signal?: AbortSignal;
};

export type OutputChunk = { atMs: number; stream: 'stdout' | 'stderr'; text: string };

export type ResourceUsage = { cpuUserMs: number; cpuSystemMs: number };

export type CollectedFile = { path: string; content: string };

export type SandboxRunResult = {
  backend: SandboxBackendName;
  command: string;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Why the run ended early, when the backend can tell (wall time, memory, aborted). */
  limitHit: 'wall-time' | 'memory' | 'aborted' | null;
  startedAt: string;
  wallTimeMs: number;
  resourceUsage: ResourceUsage | null;
  stdout: string;
  stderr: string;
  chunks: OutputChunk[];
  outputTruncated: boolean;
  files: CollectedFile[];
  /** Every connection the run attempted through the egress proxy; null when it had no egress. */
  egress: EgressReport | null;
};

export type Sandbox = {
  backend: SandboxBackendName;
  run: (request: SandboxRunRequest) => Promise<SandboxRunResult>;
};
