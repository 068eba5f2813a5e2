// What the e2e global setup started, written to e2e/.state/stack.json for the specs (fixtures.ts reads
// it) and for the teardown, which also uses it to clean up after a run that crashed before tearing down.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalOidcUser, seededRoles } from '../../scripts/oidc/seed-role-users.ts';

export const e2eDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(e2eDir, '..');
export const stateDir = join(e2eDir, '.state');
export const stackStatePath = join(stateDir, 'stack.json');

export type Role = (typeof seededRoles)[number];

/** A seeded account of the local OpenID Provider (`<role>@suture.local`, in the group named after it). */
export type StackUser = LocalOidcUser & { role: Role };

/** A run started through POST /api/ingest on a clone of a repair fixture, waiting for approval. */
export type SeededRun = {
  /** The repair case id (packages/core/test/fixtures/repair/cases/<id>), also the repository's name. */
  fixture: string;
  healingRunId: string;
  workflowId: string;
  /** The clone the run heals; approving it creates a `suture/fix-*` branch here. */
  repoPath: string;
  command: string;
  jobName: string;
};

/** A detached child, leader of its own process group, which the teardown kills as a whole. */
export type StackProcess = { name: string; pid: number; logFile: string };

export type StackState = {
  /** Unique per setup; every child has SUTURE_E2E_STACK=<id> in its environment. */
  id: string;
  /** False until every service is up and every run is seeded. */
  ready: boolean;
  startedAt: string;
  baseURL: string;
  oidcIssuer: string;
  /** The temporary migrated database the app and the worker use (dropped by the teardown). */
  databaseUrl: string;
  databaseName: string;
  /** The Postgres server's own URL, to drop the temporary database from. */
  serverDatabaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  /** Bearer token of the machine API (POST /api/ingest). */
  apiToken: string;
  users: StackUser[];
  runs: SeededRun[];
  processes: StackProcess[];
  /** Removed by the teardown: the worker's data dir and the fixture clones. */
  tempDirs: string[];
};

export const writeStackState = (state: StackState) => {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  writeFileSync(stackStatePath, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
};

export const readStackState = (): StackState | undefined =>
  existsSync(stackStatePath) ? (JSON.parse(readFileSync(stackStatePath, 'utf8')) as StackState) : undefined;

export const clearStackState = () => rmSync(stackStatePath, { force: true });
