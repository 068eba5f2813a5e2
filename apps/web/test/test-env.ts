import { z } from 'zod';

const schema = z.object({
  TEMPORAL_ADDRESS: z
    .string()
    .min(3, 'TEMPORAL_ADDRESS must point at a running Temporal server (npm test starts one)'),
  SUTURE_PG_BIN_DIR: z.string().optional(),
  DATABASE_URL: z
    .string()
    .url({ message: 'DATABASE_URL must point at a running Postgres (npm test starts one)' }),
});

export const testEnv = () => schema.parse(process.env);
