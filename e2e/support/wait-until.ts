// Polls until a probe yields a value, or fails with what it waited for and the given context (service
// logs, run details): the setup's waits are bounded in time and say why they stopped.
import { setTimeout as sleep } from 'node:timers/promises';

export type WaitUntilOptions<T> = {
  what: string;
  probe: () => Promise<T | undefined>;
  timeoutMs: number;
  intervalMs?: number;
  context?: () => string;
};

export const waitUntil = async <T>({
  what,
  probe,
  timeoutMs,
  intervalMs = 250,
  context,
}: WaitUntilOptions<T>): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await sleep(intervalMs);
  }
  throw new Error(
    `timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? ` (last error: ${lastError})` : ''}${context ? `\n${context()}` : ''}`,
  );
};
