import 'server-only';
import type { IntakeAction, GitHubRepositoryRef } from '@suture/core';
import type { Repository } from '@suture/db';
import { db } from '../db.ts';
import { webEnv } from '../env.ts';

const slugify = (value: string) =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'org';

/** The organisation a GitHub account maps to (created on first sight). */
export const ensureOrganization = async (account: string | null) => {
  const slug = slugify(account ?? webEnv().SUTURE_DEFAULT_ORG);
  return db().organization.upsert({ where: { slug }, update: {}, create: { slug, name: account ?? slug } });
};

export const registerInstallationRepositories = async (
  action: Extract<IntakeAction, { kind: 'register' }>,
) => {
  const org = await ensureOrganization(action.account);
  for (const repo of action.add) {
    await db().repository.upsert({
      where: { githubRepoId: BigInt(repo.githubRepoId) },
      update: { githubInstallationId: BigInt(action.installationId), fullName: repo.fullName, enabled: true },
      create: {
        organizationId: org.id,
        provider: 'github',
        fullName: repo.fullName,
        githubRepoId: BigInt(repo.githubRepoId),
        githubInstallationId: BigInt(action.installationId),
      },
    });
  }
  if (action.remove.length > 0) {
    await db().repository.updateMany({
      where: { githubRepoId: { in: action.remove.map((r) => BigInt(r.githubRepoId)) } },
      data: { enabled: false },
    });
  }
  return { added: action.add.length, removed: action.remove.length };
};

export const disableInstallation = async (installationId: number) =>
  db().repository.updateMany({
    where: { githubInstallationId: BigInt(installationId) },
    data: { enabled: false },
  });

/** A failure can arrive before (or without) the installation event: register the repository then. */
export const ensureGitHubRepository = async (ref: GitHubRepositoryRef): Promise<Repository> => {
  const existing = await db().repository.findUnique({ where: { githubRepoId: BigInt(ref.githubRepoId) } });
  if (existing) return existing;
  const org = await ensureOrganization(ref.fullName.split('/')[0] ?? null);
  return db().repository.upsert({
    where: { githubRepoId: BigInt(ref.githubRepoId) },
    update: {},
    create: {
      organizationId: org.id,
      provider: 'github',
      fullName: ref.fullName,
      githubRepoId: BigInt(ref.githubRepoId),
      githubInstallationId: ref.installationId === null ? null : BigInt(ref.installationId),
      defaultBranch: ref.defaultBranch ?? 'main',
    },
  });
};
