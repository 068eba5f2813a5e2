// Integration tests run against the real services `npm test` starts; this validates what they need.
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z
    .string()
    .url({ message: 'DATABASE_URL must point at a running Postgres (npm test starts one)' }),
});

export const testEnv = () => schema.parse(process.env);
