// The web app's server environment, validated once; nothing else in apps/web reads process.env.
import 'server-only';
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '@suture/core';

const schema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SUTURE_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
});

export type WebEnv = z.infer<typeof schema>;

let cached: WebEnv | undefined;

export const webEnv = (): WebEnv => {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(
      `invalid web environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  cached = parsed.data;
  return cached;
};
