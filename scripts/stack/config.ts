// The stack manager's configuration: the one place in scripts/ that reads process.env.
import { createHash } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { repositoryRootsSchema } from '@suture/core/intake/resolve-local-repository';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const port = z.coerce.number().int().min(1).max(65535);

const envSchema = z.object({
  SUTURE_DATA_DIR: z.string().min(1).optional(),
  DATABASE_URL: z.string().url().optional(),
  TEMPORAL_ADDRESS: z.string().min(3).optional(),
  SUTURE_PG_PORT: port.default(54329),
  SUTURE_PG_BIN_DIR: z.string().min(1).optional(),
  SUTURE_TEMPORAL_BIN: z.string().min(1).optional(),
  SUTURE_TEMPORAL_PORT: port.default(7233),
  SUTURE_TEMPORAL_UI_PORT: port.default(8233),
  SUTURE_TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  PORT: port.default(3000),
  /** The local OpenID Provider `npm start` runs for sign-in (unless OIDC_ISSUER points at a real one). */
  SUTURE_OIDC_PORT: port.default(3001),
  OIDC_ISSUER: z.string().url().optional(),
  /** Organisation that local repositories and signed-in users belong to (the web app reads it too). */
  SUTURE_DEFAULT_ORG: z.string().min(1).default('default'),
  SUTURE_API_TOKEN: z.string().min(24).optional(),
  /** Folders (colon-separated, absolute) whose git repositories `/api/ingest` accepts; default <data>/demo. */
  SUTURE_LOCAL_REPO_ROOTS: repositoryRootsSchema.optional(),
  CI: z.string().optional(),
});

export type StackConfig = {
  dataDir: string;
  logDir: string;
  runDir: string;
  toolsDir: string;
  databaseUrl: string | undefined;
  temporalAddress: string | undefined;
  pgPort: number;
  pgBinDir: string | undefined;
  temporalBin: string | undefined;
  temporalPort: number;
  temporalUiPort: number;
  temporalNamespace: string;
  webPort: number;
  oidcPort: number;
  /** Set: sign-in goes to this provider and no local one is started. */
  externalOidcIssuer: string | undefined;
  defaultOrg: string;
  apiToken: string | undefined;
  localRepoRoots: string[];
  ci: boolean;
  /** A short id of this checkout: keeps two clones on one machine from sharing state outside the tree. */
  checkoutId: string;
};

export const loadStackConfig = (env: NodeJS.ProcessEnv = process.env): StackConfig => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
      .join('\n');
    throw new Error(`invalid environment:\n${problems}`);
  }
  const e = parsed.data;
  const dataDir = resolve(repoRoot, e.SUTURE_DATA_DIR ?? '.data');
  return {
    dataDir,
    logDir: join(dataDir, 'logs'),
    runDir: join(dataDir, 'run'),
    toolsDir: join(dataDir, 'tools'),
    databaseUrl: e.DATABASE_URL,
    temporalAddress: e.TEMPORAL_ADDRESS,
    pgPort: e.SUTURE_PG_PORT,
    pgBinDir: e.SUTURE_PG_BIN_DIR,
    temporalBin: e.SUTURE_TEMPORAL_BIN,
    temporalPort: e.SUTURE_TEMPORAL_PORT,
    temporalUiPort: e.SUTURE_TEMPORAL_UI_PORT,
    temporalNamespace: e.SUTURE_TEMPORAL_NAMESPACE,
    webPort: e.PORT,
    oidcPort: e.SUTURE_OIDC_PORT,
    externalOidcIssuer: e.OIDC_ISSUER,
    defaultOrg: e.SUTURE_DEFAULT_ORG,
    apiToken: e.SUTURE_API_TOKEN,
    localRepoRoots: e.SUTURE_LOCAL_REPO_ROOTS ?? [join(dataDir, 'demo')],
    ci: Boolean(e.CI),
    checkoutId: createHash('sha256').update(repoRoot).digest('hex').slice(0, 10),
  };
};
