// The worker's environment, validated once at start-up; nothing else in the worker reads process.env.
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '@suture/core';
import { parseEgressEnv } from '@suture/core/egress/parse-egress-env';
import { repositoryRootsSchema } from '@suture/core/intake/resolve-local-repository';

const schema = z.object({
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SUTURE_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  SUTURE_DATA_DIR: z.string().min(1).default('.data'),
  /**
   * The folders (colon-separated, absolute) local repositories must lie in, as for the web app's intake;
   * checked again before every clone and push. Unset, only <SUTURE_DATA_DIR>/demo.
   */
  SUTURE_LOCAL_REPO_ROOTS: repositoryRootsSchema.optional(),
  SUTURE_DASHBOARD_URL: z.string().url().default('http://127.0.0.1:3000'),
  SUTURE_TEST_RUNS: z.coerce.number().int().min(1).max(50).default(3),
  SUTURE_SANDBOX_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(availableParallelism()),
  /**
   * Toolchain roots (colon-separated) bound read-only into the sandbox with their bin/ on its PATH, e.g. a
   * rustup toolchain or /usr/local/go. `npm start` sets it, hard-linking a toolchain the sandbox uid cannot reach.
   */
  SUTURE_SANDBOX_TOOLCHAINS: z.string().optional(),
  /**
   * Registry hosts the dependency-install phase may reach through Suture's egress proxy (the sandbox has its own
   * network namespace; nothing else is reachable, the host's loopback and private addresses never): a
   * comma-separated `host[:port]` list (port 443 unless given, `*.suffix` for subdomains), `none` for no
   * access at all, unset for the registries of the repository's own tooling (npm, PyPI, crates.io, the Go
   * proxy, Maven Central). See docs/security/sandbox-egress.md.
   */
  SUTURE_SANDBOX_EGRESS: z
    .string()
    .optional()
    .transform((value, context) => {
      try {
        return parseEgressEnv({ value });
      } catch (error) {
        context.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
        return z.NEVER;
      }
    }),
  PATH: z.string().default('/usr/local/bin:/usr/bin:/bin'),
  HOME: z.string().default('/root'),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: z.string().url().optional(),
  SUTURE_CLAUDE_MODEL: z.string().min(1).default('claude-sonnet-4-5'),
  MORPH_API_KEY: z.string().min(1).optional(),
  MORPH_BASE_URL: z.string().url().optional(),
  GITHUB_APP_ID: z.coerce.number().int().positive().optional(),
  GITHUB_APP_PRIVATE_KEY: z.string().min(1).optional(),
  GITHUB_API_URL: z.string().url().default('https://api.github.com'),
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
