// Local provider: a failure reported for a repository on this machine (CLI `suture ingest` or the API).
import 'server-only';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { basename, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { AppError } from '@suture/core';
import { refuseRepository, resolveLocalRepository } from '@suture/core/intake/resolve-local-repository';
import { redactText } from '@suture/core/redaction/redact-text';
import { storeArtifact } from '@suture/db';
import { db } from '../db.ts';
import { webEnv } from '../env.ts';
import { ensureOrganization } from './register-repositories.ts';
import { startHealing, type StartHealingResult } from './start-healing.ts';

const run = promisify(execFile);

export const LocalFailureReport = z.object({
  repoPath: z.string().min(1).max(4096),
  log: z.string().min(1),
  sha: z
    .string()
    .regex(/^[0-9a-f]{7,40}$/)
    .optional(),
  branch: z.string().min(1).max(255).optional(),
  command: z.string().min(1).max(4000).optional(),
  jobName: z.string().min(1).max(255).optional(),
  runId: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,100}$/)
    .optional(),
  failedAt: z.iso.datetime().optional(),
});
export type LocalFailureReport = z.infer<typeof LocalFailureReport>;

const git = async (cwd: string, args: string[]) =>
  (await run('git', args, { cwd, timeout: 15_000, maxBuffer: 1024 * 1024 })).stdout.trim();

/** Registers a local repository under its folder name, made unique with a short hash of its path if needed. */
const registerLocalRepository = async (repoPath: string, branch: string) => {
  const organizationId = (await ensureOrganization(null)).id;
  const name = basename(repoPath);
  const taken = await db().repository.findFirst({
    where: { organizationId, provider: 'local', fullName: name },
  });
  const fullName = taken
    ? `${name}-${createHash('sha256').update(repoPath).digest('hex').slice(0, 8)}`
    : name;
  return db().repository.upsert({
    where: { localPath: repoPath },
    update: {},
    create: { organizationId, provider: 'local', fullName, localPath: repoPath, defaultBranch: branch },
  });
};

const localRepoRoots = () => {
  const env = webEnv();
  return env.SUTURE_LOCAL_REPO_ROOTS ?? [join(resolve(env.SUTURE_DATA_DIR), 'demo')];
};

export const ingestLocalFailure = async (
  report: LocalFailureReport,
): Promise<StartHealingResult & { repositoryId: string; redactions: number }> => {
  // Refusals (outside the roots, missing, not a repository's top level) share one error naming no path.
  const repoPath = await resolveLocalRepository({ repoPath: report.repoPath, roots: localRepoRoots() });
  const topLevel = await git(repoPath, ['rev-parse', '--show-toplevel']).catch(() => null);
  if (topLevel !== repoPath) throw refuseRepository();
  let sha: string;
  let branch: string;
  let authorEmail: string;
  try {
    sha = await git(repoPath, ['rev-parse', '--verify', `${report.sha ?? 'HEAD'}^{commit}`]);
    branch = report.branch ?? (await git(repoPath, ['rev-parse', '--abbrev-ref', 'HEAD']));
    authorEmail = await git(repoPath, ['log', '-1', '--format=%ae', sha]);
  } catch {
    throw new AppError('BAD_INPUT', `the repository has no commit ${report.sha ?? 'HEAD'}`);
  }
  const repository =
    (await db().repository.findUnique({ where: { localPath: repoPath } })) ??
    (await registerLocalRepository(repoPath, branch));
  if (!repository.enabled) throw new AppError('CONFLICT', `repository ${repository.fullName} is disabled`);
  // Redacted before it is stored: the database never holds the secrets a CI log can leak.
  const redacted = redactText({ text: report.log });
  const logArtifactId = await storeArtifact({
    db: db(),
    content: Buffer.from(redacted.text, 'utf8'),
    mediaType: 'text/plain; charset=utf-8',
  });
  const started = await startHealing({
    repository,
    failure: {
      providerRunId: report.runId ?? `local-${sha.slice(0, 12)}-${logArtifactId.slice(0, 12)}`,
      runAttempt: 1,
      headSha: sha,
      commitAuthorEmail: authorEmail.toLowerCase() || null,
      branch,
      workflowName: report.jobName ?? null,
      workflowPath: null,
      jobName: report.jobName ?? null,
      command: report.command ?? null,
      conclusion: 'failure',
      failedAt: report.failedAt ? new Date(report.failedAt) : new Date(),
      logArtifactId,
    },
  });
  return { ...started, repositoryId: repository.id, redactions: redacted.count };
};
