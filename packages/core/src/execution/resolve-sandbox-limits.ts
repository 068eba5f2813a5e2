import { AppError } from '../errors/app-error.ts';
import type { SandboxLimits } from './sandbox-types.ts';

const gib = 1024 ** 3;
const mib = 1024 ** 2;

// Sized for a 2-core / 24 GiB CI box running two sandboxes at once: generous enough for real test suites
// (node/jvm threads count against the process limit), small enough that two runaway runs can't starve the host.
export const defaultSandboxLimits: SandboxLimits = {
  wallTimeMs: 10 * 60_000,
  cpuSeconds: 20 * 60,
  memoryBytes: 4 * gib,
  processes: 1024,
  fileSizeBytes: 1 * gib,
  tmpBytes: 512 * mib,
  outputBytes: 8 * mib,
};

export type ResolveSandboxLimitsOptions = { overrides?: Partial<SandboxLimits> };

export const resolveSandboxLimits = (options: ResolveSandboxLimitsOptions = {}): SandboxLimits => {
  const limits = { ...defaultSandboxLimits, ...options.overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value <= 0) {
      throw new AppError('BAD_INPUT', `sandbox limit ${key} must be a positive number, got ${String(value)}`);
    }
  }
  return limits;
};
