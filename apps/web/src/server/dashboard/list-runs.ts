// The Runs table: one organisation's healing runs, filtered and paginated on the server.
import 'server-only';
import { z } from 'zod';
import { FailureCategory, RunStage, RunStatus, type Prisma } from '@suture/db';
import { db } from '../db.ts';
import { blankToUndefined } from './parse-query.ts';

export const runAges = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const RunsQuery = z.object({
  org: optional(z.string().max(100)),
  repository: optional(z.string().max(100)),
  branch: optional(z.string().max(255)),
  category: optional(z.enum(FailureCategory)),
  status: optional(z.enum(RunStatus)),
  stage: optional(z.enum(RunStage)),
  age: optional(z.enum(['1h', '24h', '7d', '30d', 'all'])),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1)),
  pageSize: z.preprocess(blankToUndefined, z.coerce.number().int().min(5).max(100).default(25)),
});
export type RunsQuery = z.infer<typeof RunsQuery>;

export type RunRow = {
  id: string;
  repository: { id: string; fullName: string; provider: string; enabled: boolean };
  branch: string | null;
  headSha: string;
  category: string | null;
  summary: string | null;
  status: string;
  stage: string;
  outcome: string | null;
  createdAt: string;
  mttrReadyMs: number | null;
};

export type RunsPage = {
  rows: RunRow[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  repositories: { id: string; fullName: string }[];
  branches: string[];
};

export const listRuns = async ({
  organizationId,
  query,
  now = new Date(),
}: {
  organizationId: string;
  query: RunsQuery;
  now?: Date;
}): Promise<RunsPage> => {
  const where: Prisma.HealingRunWhereInput = {
    repository: { organizationId },
    ...(query.repository ? { repositoryId: query.repository } : {}),
    ...(query.branch ? { failureEvent: { branch: query.branch } } : {}),
    ...(query.category ? { diagnoses: { some: { category: query.category } } } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.stage ? { stage: query.stage } : {}),
    ...(query.age && query.age !== 'all'
      ? { createdAt: { gte: new Date(now.getTime() - runAges[query.age]) } }
      : {}),
  };
  const [total, runs, repositories, branches] = await Promise.all([
    db().healingRun.count({ where }),
    db().healingRun.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
      select: {
        id: true,
        status: true,
        stage: true,
        outcome: true,
        createdAt: true,
        mttrReadyMs: true,
        repository: { select: { id: true, fullName: true, provider: true, enabled: true } },
        failureEvent: { select: { branch: true, headSha: true } },
        diagnoses: {
          orderBy: { createdAt: 'desc' },
          take: 1,
          select: { category: true, summary: true },
        },
      },
    }),
    db().repository.findMany({
      where: { organizationId },
      orderBy: { fullName: 'asc' },
      select: { id: true, fullName: true },
    }),
    db().failureEvent.findMany({
      where: { repository: { organizationId }, branch: { not: null } },
      distinct: ['branch'],
      orderBy: { branch: 'asc' },
      take: 200,
      select: { branch: true },
    }),
  ]);
  return {
    rows: runs.map((run) => ({
      id: run.id,
      repository: run.repository,
      branch: run.failureEvent.branch,
      headSha: run.failureEvent.headSha,
      category: run.diagnoses[0]?.category ?? null,
      summary: run.diagnoses[0]?.summary ?? null,
      status: run.status,
      stage: run.stage,
      outcome: run.outcome,
      createdAt: run.createdAt.toISOString(),
      mttrReadyMs: run.mttrReadyMs === null ? null : Number(run.mttrReadyMs),
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    pages: Math.max(1, Math.ceil(total / query.pageSize)),
    repositories,
    branches: branches.flatMap((b) => (b.branch ? [b.branch] : [])),
  };
};
