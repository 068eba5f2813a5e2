import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { createRunPool } from './create-run-pool.ts';

describe('createRunPool', () => {
  it('never runs more than its concurrency and runs everything queued, in order', async () => {
    const pool = createRunPool({ concurrency: 2 });
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        pool.submit(async () => {
          started.push(index);
          running += 1;
          peak = Math.max(peak, running);
          await sleep(10);
          running -= 1;
          return index * 2;
        }),
      ),
    );
    expect(results).toEqual([0, 2, 4, 6, 8, 10]);
    expect(peak).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(pool.stats()).toEqual({ running: 0, queued: 0 });
  });

  it('keeps going after a failed task and refuses work beyond its queue bound', async () => {
    const pool = createRunPool({ concurrency: 1, maxQueued: 1 });
    const first = pool.submit(() => Promise.reject(new Error('boom')));
    const second = pool.submit(() => Promise.resolve('ok'));
    const third = pool.submit(() => Promise.resolve('late'));
    await expect(third).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toBe('ok');
    expect(() => createRunPool({ concurrency: 0 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
