import { ConsecutiveBreaker, circuitBreaker, handleWhen, retry, wrap } from 'cockatiel';
import type { IBackoff, IPolicy, IRetryBackoffContext } from 'cockatiel';
import { isAppError } from '../errors/app-error.ts';

export type GitHubPolicyOptions = {
  maxRetries?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  consecutiveFailures?: number;
  halfOpenAfterMs?: number;
};

const retryAfterOf = (error: unknown): number | undefined => {
  const value = isAppError(error) ? error.details?.retryAfterMs : undefined;
  return typeof value === 'number' ? value : undefined;
};

/**
 * Retry (exponential backoff with jitter, or GitHub's own retry-after / rate-limit reset) around a
 * consecutive-failure circuit breaker. Only retryable AppErrors (UNAVAILABLE, TIMEOUT) count: a 404 or
 * 422 is an answer, not an outage, so it neither retries nor trips the breaker. A wait longer than
 * maxDelayMs is not slept through; the error goes back to the caller (a durable workflow can wait).
 */
export const createGitHubPolicy = (options: GitHubPolicyOptions = {}): IPolicy => {
  const initialDelayMs = options.initialDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 30_000;

  const transient = (error: Error): boolean =>
    isAppError(error) && error.retryable && error.details?.breakerOpen !== true;
  const worthWaiting = (error: Error): boolean =>
    transient(error) && (retryAfterOf(error) ?? 0) <= maxDelayMs;

  const backoff = (context: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> => {
    const asked = 'error' in context.result ? retryAfterOf(context.result.error) : undefined;
    const exponential = Math.min(maxDelayMs, initialDelayMs * 2 ** (context.attempt - 1));
    // Half jitter: spreads retries from many workers without ever retrying immediately.
    const duration = asked ?? exponential / 2 + Math.random() * (exponential / 2);
    return { duration, next: backoff };
  };

  const retryPolicy = retry(handleWhen(worthWaiting), {
    maxAttempts: options.maxRetries ?? 3,
    backoff: { next: backoff },
  });
  const breakerPolicy = circuitBreaker(handleWhen(transient), {
    halfOpenAfter: options.halfOpenAfterMs ?? 30_000,
    breaker: new ConsecutiveBreaker(options.consecutiveFailures ?? 5),
  });
  return wrap(retryPolicy, breakerPolicy);
};
