import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import type { RetryDecision } from './retry-with-backoff.ts';

const parseRetryAfter = (headers: Headers | undefined): number | null => {
  if (!headers) return null;
  const ms = headers.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (!value) return null;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
};

type ErrorBody = { error?: { type?: unknown }; type?: unknown } | undefined;

const errorType = (body: ErrorBody): string | null => {
  const nested = body?.error?.type;
  return typeof nested === 'string' ? nested : typeof body?.type === 'string' ? body.type : null;
};

/** Which Anthropic API failures are worth retrying: rate limits, server errors, overload (also mid-stream). */
export const classifyClaudeError = (options: { error: unknown }): RetryDecision => {
  const { error } = options;
  if (error instanceof APIUserAbortError || error instanceof APIConnectionTimeoutError) return { retry: false };
  if (error instanceof APIConnectionError) return { retry: true };
  if (error instanceof APIError) {
    // The SDK types its fields loosely (any); pin down what is read here.
    const apiError = error as APIError<number | undefined, Headers | undefined, ErrorBody>;
    const status = apiError.status;
    const type = errorType(apiError.error);
    const retryable = status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500) || type === 'overloaded_error' || type === 'api_error' || type === 'rate_limit_error';
    return { retry: retryable, retryAfterMs: parseRetryAfter(apiError.headers) };
  }
  return { retry: false };
};
