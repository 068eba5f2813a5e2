// Reports a local repository's failure the way the dashboard's ingest API does (apps/web/src/server/intake:
// ingest-local-failure + start-healing): organisation, repository, redacted log artifact, failure event, run
// row with its audit event (recordFailureRun, shared with the dashboard), then the selfHealing workflow under the same deterministic id and reuse policy.
// The end-to-end bench uses it so it measures the workflow, not a web server it would first have to build.
import { execFileSync } from 'node:child_process';
import { basename } from 'node:path';
import { WorkflowIdReusePolicy, type Client } from '@temporalio/client';
import { healingWorkflowId, workflowNames, type SelfHealingInput } from '@suture/core';
import { redactText } from '@suture/core/redaction/redact-text';
import { recordFailureRun, storeArtifact, type Database } from '@suture/db';

export type StartLocalHealingOptions = {
  db: Database;
  client: Client;
  taskQueue: string;
  /** An existing organisation (the caller creates it once: parallel upserts of one slug race). */
  organizationSlug: string;
  repoPath: string;
  log: string;
  command: string;
  jobName?: string;
  failedAt: Date;
};

export const startLocalHealing = async (options: StartLocalHealingOptions) => {
  const { db, repoPath } = options;
  const git = (args: string[]) => execFileSync('git', args, { cwd: repoPath, encoding: 'utf8' }).trim();
  const sha = git(['rev-parse', 'HEAD']);
  const branch = git(['rev-parse', '--abbrev-ref', 'HEAD']);
  const organization = await db.organization.findUniqueOrThrow({ where: { slug: options.organizationSlug } });
  const repository = await db.repository.upsert({
    where: { localPath: repoPath },
    update: {},
    create: {
      organizationId: organization.id,
      provider: 'local',
      fullName: basename(repoPath),
      localPath: repoPath,
      defaultBranch: branch,
    },
  });
  const logArtifactId = await storeArtifact({
    db,
    content: Buffer.from(redactText({ text: options.log }).text, 'utf8'),
    mediaType: 'text/plain; charset=utf-8',
  });
  const providerRunId = `local-${sha.slice(0, 12)}-${logArtifactId.slice(0, 12)}`;
  const workflowId = healingWorkflowId({
    provider: 'local',
    repository: repository.id,
    runId: providerRunId,
    runAttempt: 1,
  });
  const commitAuthorEmail = git(['log', '-1', '--format=%ae', sha]).toLowerCase() || null;
  const run = await recordFailureRun({
    db,
    repository,
    workflowId,
    actorType: 'system',
    failure: {
      providerRunId,
      runAttempt: 1,
      headSha: sha,
      commitAuthorEmail,
      branch,
      workflowName: options.jobName ?? null,
      workflowPath: null,
      jobName: options.jobName ?? null,
      command: options.command,
      conclusion: 'failure',
      failedAt: options.failedAt,
      logArtifactId,
    },
  });
  const input: SelfHealingInput = { healingRunId: run.id };
  await options.client.workflow.start(workflowNames.selfHealing, {
    taskQueue: options.taskQueue,
    workflowId,
    args: [input],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
  });
  return { healingRunId: run.id, workflowId };
};
