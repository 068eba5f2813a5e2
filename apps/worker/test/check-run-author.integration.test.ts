// Four eyes for `check_run` failures: the event does not name the head commit's author, so loading the
// run's context asks GitHub (here the fake GitHub API over a real bare repository) and stores it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitHubClient } from '@suture/core/github/index';
import {
  createBareRepository,
  startFakeGitHub,
  type FakeGitHub,
} from '@suture/core/test/github-server';
import { createDatabase, storeArtifact, type Database } from '@suture/db';
import { createMigratedDatabase, type TemporaryDatabase } from '@suture/db/testing/temporary-database';
import { loadContext } from '../src/activities/healing/load-context.ts';
import { createGitHubOps } from '../src/github/create-github-ops.ts';
import { testDeps } from './test-deps.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
let temp: TemporaryDatabase;
let db: Database;
let github: FakeGitHub;

beforeAll(async () => {
  temp = await createMigratedDatabase(env.DATABASE_URL);
  db = createDatabase({ databaseUrl: temp.url, maxConnections: 2 });
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github?.stop();
  await db?.$disconnect();
  await temp?.drop();
});

describe('check_run failures', () => {
  it("store the head commit's author before the run can wait for approval", async () => {
    const bare = await createBareRepository({ files: { 'README.md': '# shop\n' } });
    const installationId = github.state.addInstallation();
    github.state.addRepository({ installationId, owner: 'acme', name: 'shop', barePath: bare.path });
    const org = await db.organization.create({
      data: { slug: `org-${randomUUID().slice(0, 8)}`, name: 'Acme' },
    });
    const repository = await db.repository.create({
      data: {
        organizationId: org.id,
        provider: 'github',
        fullName: 'acme/shop',
        githubRepoId: 4242,
        githubInstallationId: installationId,
      },
    });
    const logArtifactId = await storeArtifact({
      db,
      content: Buffer.from('lint failed\n'),
      mediaType: 'text/plain',
    });
    // As the intake records a check_run failure: no author in the event.
    const failure = await db.failureEvent.create({
      data: {
        repositoryId: repository.id,
        providerRunId: 'check-9001',
        headSha: bare.sha,
        commitAuthorEmail: null,
        conclusion: 'failure',
        failedAt: new Date(),
        logArtifactId,
      },
    });
    const run = await db.healingRun.create({
      data: {
        failureEventId: failure.id,
        repositoryId: repository.id,
        workflowId: `heal:check:${randomUUID()}`,
        failureCompletedAt: new Date(),
      },
    });
    const client = createGitHubClient({ ...github.app, baseUrl: github.url, retry: { initialDelayMs: 1 } });
    const deps = testDeps(db, { github: createGitHubOps({ client }) });

    await loadContext(deps, { healingRunId: run.id });

    const stored = await db.failureEvent.findUniqueOrThrow({ where: { id: failure.id } });
    expect(stored.commitAuthorEmail).toBe('fixture@example.invalid');
  });
});
