// Records a failure of a local repository the way the ingest API does (organisation, repository,
// redacted log artifact, failure event, healing run), for worker tests that start the workflow directly.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { redactText } from '@suture/core/redaction/redact-text';
import { storeArtifact, type Database } from '@suture/db';

export const seedLocalRun = async (options: {
  db: Database;
  repoPath: string;
  log: string;
  command: string;
  failedAt?: Date;
}) => {
  const { db } = options;
  const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: options.repoPath, encoding: 'utf8' }).trim();
  const org = await db.organization.upsert({
    where: { slug: 'test-org' },
    update: {},
    create: { slug: 'test-org', name: 'Test org' },
  });
  const repository = await db.repository.upsert({
    where: { localPath: options.repoPath },
    update: {},
    create: {
      organizationId: org.id,
      provider: 'local',
      fullName: `local-${randomUUID().slice(0, 8)}`,
      localPath: options.repoPath,
    },
  });
  const logArtifactId = await storeArtifact({
    db,
    content: Buffer.from(redactText({ text: options.log }).text),
    mediaType: 'text/plain',
  });
  const runId = `local-${randomUUID()}`;
  const failedAt = options.failedAt ?? new Date();
  const failure = await db.failureEvent.create({
    data: {
      repositoryId: repository.id,
      providerRunId: runId,
      headSha: sha,
      branch: 'main',
      command: options.command,
      conclusion: 'failure',
      failedAt,
      logArtifactId,
    },
  });
  const run = await db.healingRun.create({
    data: {
      failureEventId: failure.id,
      repositoryId: repository.id,
      workflowId: `heal:local:${repository.fullName}:${runId}:1`,
      failureCompletedAt: failedAt,
    },
  });
  return { run, repository, sha };
};
