import type { SandboxLimits, SandboxRunResult } from './sandbox-types.ts';

export type ExplainTestFailureOptions = { message: string | null; outcome?: 'fail' | 'timeout'; run?: Pick<SandboxRunResult, 'timedOut' | 'stderr' | 'limitHit'>; network: boolean; limits?: SandboxLimits };

const networkErrors = /\b(ECONNREFUSED|ENETUNREACH|EHOSTUNREACH|EAI_AGAIN|ENOTFOUND|getaddrinfo|Network is unreachable|Temporary failure in name resolution|Name or service not known|Connection refused|No route to host)\b/i;
const memoryErrors = /\b(ENOMEM|Cannot allocate memory|Array buffer allocation failed|JavaScript heap out of memory|MemoryError|out of memory|std::bad_alloc)\b/i;
const processErrors = /\b(EAGAIN|Resource temporarily unavailable|fork: retry|Cannot fork)\b/i;

const mib = (bytes: number): string => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** A one-line reason a user can act on, when the failure is the sandbox's doing rather than the code's. */
export const explainTestFailure = (options: ExplainTestFailureOptions): string | null => {
  const text = `${options.message ?? ''}\n${options.run?.stderr.slice(-4000) ?? ''}`;
  if (!options.network && networkErrors.test(options.message ?? '')) {
    return 'needs the network: the sandbox has no network access (its own network namespace, so no internet and no host services on 127.0.0.1); this failure is expected here and says nothing about the patch';
  }
  if (options.outcome === 'timeout' && !options.run?.timedOut) return "timed out: the test runner's own timeout (set just under the sandbox wall-time limit) stopped it";
  if (options.run?.timedOut) return `killed at the wall-time limit${options.limits ? ` (${Math.round(options.limits.wallTimeMs / 1000)} s)` : ''}`;
  if (memoryErrors.test(text)) return `hit the memory limit${options.limits ? ` (${mib(options.limits.memoryBytes)} of data segment)` : ''}`;
  if (processErrors.test(text)) return `hit the process limit${options.limits ? ` (${options.limits.processes} processes/threads)` : ''}`;
  return null;
};
