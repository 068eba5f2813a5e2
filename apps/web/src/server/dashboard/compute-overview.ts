// Overview data for one organisation and period, optionally one repository.
import 'server-only';
import { z } from 'zod';
import { db } from '../db.ts';
import { blankToUndefined } from './parse-query.ts';
import { summarizeRuns, type RunRecord } from './summarize-runs.ts';

export const overviewPeriods = { '7d': 7, '30d': 30, '90d': 90 } as const;

export const OverviewQuery = z.object({
  org: z.string().max(100).optional(),
  repository: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  period: z.enum(['7d', '30d', '90d']).default('30d'),
});
export type OverviewQuery = z.infer<typeof OverviewQuery>;

/** Enough for months of a busy organisation; beyond it the page says the figures are sampled. */
const MAX_RUNS = 50_000;

export const computeOverview = async ({
  organizationId,
  query,
  now = new Date(),
}: {
  organizationId: string;
  query: OverviewQuery;
  now?: Date;
}) => {
  const from = new Date(now.getTime() - (overviewPeriods[query.period] - 1) * 86_400_000);
  from.setUTCHours(0, 0, 0, 0);
  const [rows, repositories] = await Promise.all([
    db().healingRun.findMany({
      where: {
        repository: { organizationId },
        ...(query.repository ? { repositoryId: query.repository } : {}),
        createdAt: { gte: from },
      },
      orderBy: { createdAt: 'desc' },
      take: MAX_RUNS,
      select: {
        createdAt: true,
        status: true,
        outcome: true,
        mttrReadyMs: true,
        readyForApprovalAt: true,
        _count: { select: { patchAttempts: true } },
        diagnoses: {
          orderBy: { createdAt: 'desc' },
          take: 1,
          select: { flakySuspect: true, feedback: true },
        },
      },
    }),
    db().repository.findMany({
      where: { organizationId },
      orderBy: { fullName: 'asc' },
      select: { id: true, fullName: true },
    }),
  ]);
  const runs = rows.map((r): RunRecord => ({
    createdAt: r.createdAt,
    status: r.status,
    outcome: r.outcome,
    mttrReadyMs: r.mttrReadyMs === null ? null : Number(r.mttrReadyMs),
    readyForApproval: r.readyForApprovalAt !== null,
    attemptedPatch: r._count.patchAttempts > 0,
    diagnosed: r.diagnoses.length > 0,
    flaky: r.diagnoses[0]?.flakySuspect ?? false,
    feedback: r.diagnoses[0]?.feedback ?? null,
  }));
  return {
    period: query.period,
    repository: query.repository ?? null,
    from: from.toISOString(),
    to: now.toISOString(),
    sampled: rows.length === MAX_RUNS,
    repositories,
    ...summarizeRuns({ runs, from, to: now }),
  };
};

export type Overview = Awaited<ReturnType<typeof computeOverview>>;
