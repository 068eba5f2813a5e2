import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z
    .string()
    .url({ message: 'DATABASE_URL must point at a running Postgres (npm test starts one)' }),
  TEMPORAL_ADDRESS: z
    .string()
    .min(3, 'TEMPORAL_ADDRESS must point at a running Temporal server (npm test starts one)'),
  SUTURE_TEMPORAL_BIN: z
    .string()
    .min(1, 'SUTURE_TEMPORAL_BIN must name the temporal CLI (npm test installs it)'),
});

export const testEnv = () => schema.parse(process.env);
