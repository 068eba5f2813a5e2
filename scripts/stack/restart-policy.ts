// When a supervised process dies: restart it after an exponential backoff with jitter (cockatiel's), reset
// once it has stayed up for a healthy while, and give up once it has used its restart budget (N restarts
// within a sliding window), so a process that cannot start does not spin for ever.
import { ExponentialBackoff, halfJitterGenerator, type IBackoff } from 'cockatiel';

export type RestartPolicy = {
  /** Restarts allowed within `windowMs`; the next exit after that stops the stack. */
  maxRestarts: number;
  windowMs: number;
  /** A process that ran this long before it exited starts again from the first, shortest delay. */
  healthyAfterMs: number;
  initialDelayMs: number;
  maxDelayMs: number;
};

export const defaultRestartPolicy: RestartPolicy = {
  maxRestarts: 5,
  windowMs: 10 * 60_000,
  healthyAfterMs: 60_000,
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
};

export type RestartDecision =
  { action: 'restart'; delayMs: number; restart: number } | { action: 'give-up'; restartsInWindow: number };

export type RestartTracker = {
  /** Called when the process exited; `startedAt` is when its last start completed. */
  onExit: (startedAt: number) => RestartDecision;
};

export const createRestartTracker = (policy: RestartPolicy, now: () => number = Date.now): RestartTracker => {
  const factory = () =>
    new ExponentialBackoff({
      initialDelay: policy.initialDelayMs,
      maxDelay: policy.maxDelayMs,
      generator: halfJitterGenerator,
    });
  let backoff: IBackoff<unknown> | undefined;
  const restarts: number[] = [];
  return {
    onExit: (startedAt) => {
      const at = now();
      while (restarts.length > 0 && restarts[0]! <= at - policy.windowMs) restarts.shift();
      if (restarts.length >= policy.maxRestarts)
        return { action: 'give-up', restartsInWindow: restarts.length };
      backoff =
        !backoff || at - startedAt >= policy.healthyAfterMs ? factory().next() : backoff.next(undefined);
      restarts.push(at);
      // halfJitter draws from [delay/2, delay): never less than half the nominal delay.
      return { action: 'restart', delayMs: backoff.duration, restart: restarts.length };
    },
  };
};

/** "10 min", "90 s": the window as the restart log line names it. */
export const formatWindow = (ms: number) =>
  ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
