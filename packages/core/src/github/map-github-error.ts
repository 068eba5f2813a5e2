import { RequestError } from '@octokit/request-error';
import { isBrokenCircuitError } from 'cockatiel';
import { AppError, isAppError } from '../errors/app-error.ts';
import type { AppErrorCode } from '../errors/app-error.ts';
import { redactText } from '../redaction/redact-text.ts';

const codeForStatus = (status: number, message: string): AppErrorCode => {
  if (status === 401) return 'UNAUTHORIZED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404 || status === 410) return 'NOT_FOUND';
  if (status === 409) return 'CONFLICT';
  if (status === 413) return 'TOO_LARGE';
  // GitHub answers 422 both for invalid input and for "already exists"; only the latter is a conflict.
  if (status === 422) return /already exists/i.test(message) ? 'CONFLICT' : 'BAD_INPUT';
  if (status === 429 || status >= 500) return 'UNAVAILABLE';
  return 'BAD_INPUT';
};

const header = (headers: Record<string, unknown> | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

/** How long GitHub asked us to wait, from retry-after (seconds) or x-ratelimit-reset (epoch seconds). */
const retryAfterMs = (headers: Record<string, unknown> | undefined, nowMs: number): number | undefined => {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(0, date - nowMs);
  }
  const reset = header(headers, 'x-ratelimit-reset');
  if (reset !== undefined && header(headers, 'x-ratelimit-remaining') === '0') {
    const resetMs = Number(reset) * 1000;
    if (Number.isFinite(resetMs)) return Math.max(0, resetMs - nowMs);
  }
  return undefined;
};

const isTimeout = (error: unknown): boolean => {
  for (
    let current = error, depth = 0;
    current instanceof Error && depth < 5;
    current = current.cause, depth += 1
  ) {
    if (current.name === 'TimeoutError') return true;
  }
  return false;
};

/**
 * Turns whatever an Octokit call threw into an AppError. Rate limiting (429, or 403 with an exhausted
 * quota) is UNAVAILABLE so it is retried; messages are scrubbed of every token the connection knows.
 */
export const mapGitHubError = (options: {
  error: unknown;
  operation: string;
  secrets: Iterable<string>;
  nowMs: number;
}): AppError => {
  const { error, operation } = options;
  const clean = (text: string): string => redactText({ text, secrets: options.secrets }).text;
  if (isAppError(error)) return error;
  if (isBrokenCircuitError(error)) {
    return new AppError(
      'UNAVAILABLE',
      `GitHub ${operation}: circuit breaker is open after repeated failures`,
      { details: { operation, breakerOpen: true } },
    );
  }
  if (isTimeout(error))
    return new AppError('TIMEOUT', `GitHub ${operation}: request timed out`, { details: { operation } });
  if (error instanceof RequestError) {
    // @octokit/request reports network failures as status 500 without a response.
    if (!error.response) {
      return new AppError('UNAVAILABLE', `GitHub ${operation}: network error: ${clean(error.message)}`, {
        details: { operation, network: true },
      });
    }
    const headers = error.response.headers as Record<string, unknown>;
    const wait = retryAfterMs(headers, options.nowMs);
    const rateLimited =
      error.status === 429 ||
      (error.status === 403 && (wait !== undefined || /rate limit/i.test(error.message)));
    const code = rateLimited ? 'UNAVAILABLE' : codeForStatus(error.status, error.message);
    return new AppError(
      code,
      `GitHub ${operation} failed with HTTP ${error.status}: ${clean(error.message)}`,
      {
        details: {
          operation,
          status: error.status,
          requestId: header(headers, 'x-github-request-id'),
          retryAfterMs: wait,
          rateLimited,
        },
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('INTERNAL', `GitHub ${operation}: ${clean(message)}`, { details: { operation } });
};
