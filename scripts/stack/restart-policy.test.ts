import { describe, expect, it } from 'vitest';
import { createRestartTracker, formatWindow, type RestartPolicy } from './restart-policy.ts';

const policy: RestartPolicy = {
  maxRestarts: 3,
  windowMs: 60_000,
  healthyAfterMs: 10_000,
  initialDelayMs: 1_000,
  maxDelayMs: 8_000,
};

const clock = (start = 1_000_000) => {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
};

describe('createRestartTracker', () => {
  it('backs off exponentially with jitter, capped at the maximum delay', () => {
    const time = clock();
    const tracker = createRestartTracker({ ...policy, maxRestarts: 10 }, time.now);
    const delays: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const startedAt = time.now();
      time.advance(100); // crashed right after starting: no reset
      const decision = tracker.onExit(startedAt);
      if (decision.action !== 'restart') throw new Error('expected a restart');
      delays.push(decision.delayMs);
    }
    const nominal = [1_000, 2_000, 4_000, 8_000, 8_000, 8_000];
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(nominal[i]! / 2);
      expect(delay).toBeLessThan(nominal[i]!);
    });
  });

  it('starts again from the shortest delay after a healthy run', () => {
    const time = clock();
    const tracker = createRestartTracker({ ...policy, maxRestarts: 10 }, time.now);
    for (let i = 0; i < 3; i += 1) tracker.onExit(time.now());
    const startedAt = time.now();
    time.advance(policy.healthyAfterMs);
    const decision = tracker.onExit(startedAt);
    expect(decision).toMatchObject({ action: 'restart' });
    if (decision.action === 'restart') expect(decision.delayMs).toBeLessThan(1_000);
  });

  it('gives up once the budget within the window is spent, and forgets restarts older than the window', () => {
    const time = clock();
    const tracker = createRestartTracker(policy, time.now);
    expect([1, 2, 3].map(() => tracker.onExit(time.now()))).toMatchObject([
      { action: 'restart', restart: 1 },
      { action: 'restart', restart: 2 },
      { action: 'restart', restart: 3 },
    ]);
    expect(tracker.onExit(time.now())).toEqual({ action: 'give-up', restartsInWindow: 3 });

    time.advance(policy.windowMs);
    expect(tracker.onExit(time.now() - 1)).toMatchObject({ action: 'restart', restart: 1 });
  });
});

describe('formatWindow', () => {
  it('names whole minutes in minutes and anything else in seconds', () => {
    expect(formatWindow(600_000)).toBe('10 min');
    expect(formatWindow(90_000)).toBe('90 s');
    expect(formatWindow(2_000)).toBe('2 s');
  });
});
