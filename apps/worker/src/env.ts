// The worker's environment, validated once at start-up; nothing else in the worker reads process.env.
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '@suture/core';

const schema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SUTURE_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
});

export type WorkerEnv = z.infer<typeof schema>;

export const loadWorkerEnv = (env: NodeJS.ProcessEnv = process.env): WorkerEnv => {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `invalid worker environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
};
