import { z } from 'zod';

// Fixed ids: downstream (fix planning, dashboards, the benchmark) switches on these strings.
export const failureCategories = [
  'compile_error',
  'type_error',
  'test_failure',
  'snapshot_mismatch',
  'lint_error',
  'format_error',
  'dependency_install',
  'build_config',
  'permission_or_secret',
  'timeout',
  'out_of_memory',
  'network_or_infra',
  'docker_build',
  'unknown',
] as const;

export const FailureCategory = z.enum(failureCategories);
export type FailureCategory = z.infer<typeof FailureCategory>;

/** Longest evidence range: evidence quotes the cause itself; the lines around it go in `context`. */
export const MAX_EVIDENCE_RANGE_LINES = 20;

// 1-based inclusive line numbers of the ORIGINAL log split on "\n".
export const LineRange = z
  .object({ start: z.number().int().min(1), end: z.number().int().min(1) })
  .refine((range) => range.end >= range.start, { message: 'end must be >= start' });
export type LineRange = z.infer<typeof LineRange>;

export const EvidenceRange = LineRange.refine((range) => range.end - range.start + 1 <= MAX_EVIDENCE_RANGE_LINES, {
  message: `an evidence range spans at most ${MAX_EVIDENCE_RANGE_LINES} lines`,
});
export type EvidenceRange = z.infer<typeof EvidenceRange>;

export const FileRef = z.object({
  path: z.string().min(1),
  line: z.number().int().min(1).optional(),
  column: z.number().int().min(1).optional(),
});
export type FileRef = z.infer<typeof FileRef>;

export const FailingTest = z.object({
  name: z.string().min(1),
  message: z.string().optional(),
  file: z.string().optional(),
});
export type FailingTest = z.infer<typeof FailingTest>;

export const FailingStep = z.object({
  name: z.string(),
  exitCode: z.number().int().nullable(),
  startLine: z.number().int().min(1).optional(),
  endLine: z.number().int().min(1).optional(),
  command: z.string().optional(),
});
export type FailingStep = z.infer<typeof FailingStep>;

export const TokenUsage = z.object({ input: z.number().int().min(0), output: z.number().int().min(0) });
export type TokenUsage = z.infer<typeof TokenUsage>;

export const DiagnosisResult = z.object({
  category: FailureCategory,
  confidence: z.number().min(0).max(1),
  summary: z.string().min(1),
  rootCause: z.string().min(1),
  /** The lines that state the cause, best first. */
  evidence: z.array(EvidenceRange).min(1).max(3),
  /**
   * For display and prompts: the lines around each evidence range (same order, each containing its range).
   * Optional so diagnoses stored before it existed still parse; the heuristic and Claude engines always fill it.
   */
  context: z.array(LineRange).max(3).optional(),
  files: z.array(FileRef),
  failingTests: z.array(FailingTest),
  errorCodes: z.array(z.string()),
  failingStep: FailingStep.nullable(),
  flakySuspect: z.object({ suspected: z.boolean(), reason: z.string().nullable() }),
  engine: z.enum(['heuristic', 'claude']),
  model: z.string().nullable(),
  tokens: TokenUsage.nullable(),
  durationMs: z.number().min(0),
  // Why the Claude engine was not used or was abandoned; absent when it was not configured.
  fallbackReason: z.string().optional(),
});
export type DiagnosisResult = z.infer<typeof DiagnosisResult>;
