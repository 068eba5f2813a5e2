import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';

// The only place in the product that reads the environment; everything below gets plain options.
const EnvSchema = z.object({
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.url().optional(),
  SUTURE_CLAUDE_MODEL: z.string().min(1).default('claude-sonnet-4-5'),
  SUTURE_CLAUDE_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  SUTURE_CLAUDE_MAX_RETRIES: z.coerce.number().int().min(0).max(8).default(4),
});

export type CliConfig = {
  claude: { apiKey: string; baseURL?: string; model: string; timeoutMs: number; maxRetries: number } | null;
};

export const readCliConfig = (options: { env: Record<string, string | undefined> }): CliConfig => {
  // Empty strings mean "unset" in most CI systems' secret handling.
  const cleaned = Object.fromEntries(
    Object.entries(options.env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new AppError(
      'BAD_INPUT',
      `invalid environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const env = parsed.data;
  return {
    claude: env.ANTHROPIC_API_KEY
      ? {
          apiKey: env.ANTHROPIC_API_KEY,
          ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}),
          model: env.SUTURE_CLAUDE_MODEL,
          timeoutMs: env.SUTURE_CLAUDE_TIMEOUT_MS,
          maxRetries: env.SUTURE_CLAUDE_MAX_RETRIES,
        }
      : null,
  };
};
