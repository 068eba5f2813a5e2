// The web app's server environment, validated once; nothing else in apps/web reads process.env.
import 'server-only';
import { z } from 'zod';
import { DEFAULT_TASK_QUEUE } from '@suture/core';
import { repositoryRootsSchema } from '@suture/core/intake/resolve-local-repository';

const schema = z.object({
  /** Development relaxes the CSP by what `next dev` needs (eval for React's debugging). */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  DATABASE_URL: z.string().url(),
  TEMPORAL_ADDRESS: z.string().min(3).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  SUTURE_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** Shared secret of the GitHub App's webhook; unset disables the webhook endpoint (503). */
  GITHUB_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** Our GitHub App's slug, so its own check runs never trigger healing. */
  GITHUB_APP_SLUG: z.string().min(1).default('suture'),
  /** GitHub caps payloads at 25 MB; the events Suture uses are far smaller. */
  WEBHOOK_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(25 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /**
   * Where verified webhook deliveries wait while the database is down (append-only, fsync'd, 0700);
   * unset, <SUTURE_DATA_DIR>/spool.
   */
  SUTURE_SPOOL_DIR: z.string().min(1).optional(),
  /** The spool's bound on disk; when full, deliveries are refused with 503 so GitHub can redeliver them. */
  SUTURE_SPOOL_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(256 * 1024 * 1024),
  /** How often the drainer looks for spooled deliveries (it backs off while the database is down). */
  SUTURE_SPOOL_DRAIN_INTERVAL_MS: z.coerce.number().int().min(50).max(60_000).default(2_000),
  /** Set by Next.js while `next build` runs: nothing long-running starts then. */
  NEXT_PHASE: z.string().optional(),
  /** Bearer token for machine APIs (ingest, dead letters). Unset disables them (503). */
  SUTURE_API_TOKEN: z.string().min(24).optional(),
  /** The data folder (`npm start` sets it); relative paths resolve against the working directory. */
  SUTURE_DATA_DIR: z.string().min(1).default('.data'),
  /**
   * Folders (colon-separated, absolute) whose git repositories `/api/ingest` accepts, after resolving
   * symlinks; unset, only <SUTURE_DATA_DIR>/demo.
   */
  SUTURE_LOCAL_REPO_ROOTS: repositoryRootsSchema.optional(),
  /** Organisation that repositories registered without an installation account belong to. */
  SUTURE_DEFAULT_ORG: z.string().min(1).default('default'),
  /** next-auth: the dashboard's public URL. Set it in production; unset, see AUTH_TRUST_HOST. */
  NEXTAUTH_URL: z.string().url().optional(),
  /** next-auth: signs the CSRF and state cookies. Unset disables sign-in (503). */
  NEXTAUTH_SECRET: z.string().min(32).optional(),
  /** next-auth: build URLs from the request's Host when NEXTAUTH_URL is unset (tests on a random port). */
  AUTH_TRUST_HOST: z.enum(['true', 'false', '1', '0']).optional(),
  /** OpenID Provider issuer URL; unset disables sign-in (503). */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** ID-token claim that lists the user's identity-provider groups. */
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** JSON object from group name to role, e.g. {"suture-admins":"admin"}; replaces the default mapping. */
  OIDC_ROLE_MAPPING: z
    .string()
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'OIDC_ROLE_MAPPING is not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string().min(1), z.enum(['owner', 'admin', 'approver', 'viewer'])))
    .optional(),
});

export type WebEnv = z.infer<typeof schema>;

/**
 * What the proxy (CSP, origin checks) needs, validated apart from the rest: a dashboard whose database
 * settings are wrong must still answer with its security headers and its own error page.
 */
const securitySchema = schema.pick({
  NODE_ENV: true,
  NEXTAUTH_URL: true,
  AUTH_TRUST_HOST: true,
  OIDC_ISSUER: true,
});

export type WebSecurityEnv = z.infer<typeof securitySchema>;

const parseEnv = <T extends z.ZodType>(envSchema: T): z.infer<T> => {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(
      `invalid web environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
};

let cached: WebEnv | undefined;
let cachedSecurity: WebSecurityEnv | undefined;

export const webSecurityEnv = (): WebSecurityEnv => {
  cachedSecurity ??= parseEnv(securitySchema);
  return cachedSecurity;
};

export const webEnv = (): WebEnv => {
  cached ??= parseEnv(schema);
  return cached;
};
