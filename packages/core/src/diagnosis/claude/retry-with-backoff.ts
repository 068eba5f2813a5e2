import { setTimeout as sleep } from 'node:timers/promises';

export type RetryDecision = { retry: boolean; retryAfterMs?: number | null };

/**
 * Runs `attempt` until it succeeds, `classify` says the error is final, or `maxRetries` retries are spent.
 * Waits between attempts are exponential with full jitter, or the server's retry-after when it gives one,
 * capped by `maxDelayMs` either way. The loop is bounded by construction.
 */
export const retryWithBackoff = async <T>(options: {
  attempt: (attemptNumber: number) => Promise<T>;
  classify: (options: { error: unknown }) => RetryDecision;
  maxRetries: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  random?: () => number;
  onRetry?: (info: { attemptNumber: number; delayMs: number; error: unknown }) => void;
}): Promise<T> => {
  const { attempt, classify, maxRetries, baseDelayMs = 500, maxDelayMs = 20_000, signal, random = Math.random, onRetry } = options;
  for (let attemptNumber = 0; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const decision = classify({ error });
      if (!decision.retry || attemptNumber >= maxRetries || signal?.aborted) throw error;
      const backoff = baseDelayMs * 2 ** attemptNumber * random();
      const delayMs = Math.min(maxDelayMs, decision.retryAfterMs ?? backoff);
      onRetry?.({ attemptNumber, delayMs, error });
      await sleep(delayMs, undefined, signal ? { signal } : {});
    }
  }
};
