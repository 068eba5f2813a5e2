import { availableParallelism } from 'node:os';
import { AppError } from '../errors/app-error.ts';

export type RunPool = {
  /** Queues the task; rejects at once with UNAVAILABLE when the queue is full. */
  submit: <T>(task: () => Promise<T>) => Promise<T>;
  stats: () => { running: number; queued: number };
};

export type CreateRunPoolOptions = { concurrency?: number; maxQueued?: number };

/** A bounded pool with a FIFO queue: at most `concurrency` sandboxes at once (default: one per core). */
export const createRunPool = (options: CreateRunPoolOptions = {}): RunPool => {
  const concurrency = options.concurrency ?? availableParallelism();
  const maxQueued = options.maxQueued ?? 1000;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new AppError('BAD_INPUT', `pool concurrency must be a positive integer, got ${concurrency}`);
  let running = 0;
  const queue: (() => void)[] = [];
  const next = (): void => {
    if (running >= concurrency) return;
    const start = queue.shift();
    if (start) start();
  };
  const submit = <T>(task: () => Promise<T>): Promise<T> => {
    if (queue.length >= maxQueued) return Promise.reject(new AppError('UNAVAILABLE', `run queue full (${maxQueued} waiting)`));
    return new Promise<T>((resolve, reject) => {
      queue.push(() => {
        running += 1;
        task()
          .then(resolve, reject)
          .finally(() => {
            running -= 1;
            next();
          });
      });
      next();
    });
  };
  return { submit, stats: () => ({ running, queued: queue.length }) };
};
