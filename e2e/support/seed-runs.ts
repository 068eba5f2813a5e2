// Seeds healing runs the way a user does: a clone of a generated repair fixture (a real repository with a
// real CI failure), reported through POST /api/ingest, healed by the real workflow on the stack's worker
// up to the approval gate. Read from the database (as the dashboard does) until every run waits there.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRepairFixture } from '@suture/core/patching/testing/ensure-repair-fixture';
import type { Database } from '@suture/db';
import { repoRoot, type SeededRun } from './stack-state.ts';
import { waitUntil } from './wait-until.ts';

export type SeedRunsOptions = {
  baseURL: string;
  apiToken: string;
  db: Database;
  /** Repair case ids (packages/core/test/fixtures/repair/cases). */
  fixtures: string[];
  /** Each clone goes to <cloneRoot>/<fixture>, so the dashboard shows the case id as repository name. */
  cloneRoot: string;
  timeoutMs: number;
  /** Worker output, added to the error when a run does not get to the approval gate. */
  context: () => string;
};

type RepairCaseStep = { step: { name: string; run: string } };

const ingest = async ({ baseURL, apiToken, fixture, cloneRoot }: SeedRunsOptions & { fixture: string }) => {
  const { repoDir, log } = await ensureRepairFixture({ id: fixture });
  const repoPath = join(cloneRoot, fixture);
  execFileSync('git', ['clone', '--quiet', repoDir, repoPath]);
  const spec = JSON.parse(
    readFileSync(join(repoRoot, 'packages/core/test/fixtures/repair/cases', fixture, 'case.json'), 'utf8'),
  ) as RepairCaseStep;
  const response = await fetch(`${baseURL}/api/ingest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiToken}` },
    body: JSON.stringify({ repoPath, log, command: spec.step.run, jobName: spec.step.name }),
  });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`ingest of ${fixture} answered ${response.status}: ${body}`);
  const { workflowId, healingRunId } = JSON.parse(body) as { workflowId: string; healingRunId: string };
  return { fixture, healingRunId, workflowId, repoPath, command: spec.step.run, jobName: spec.step.name };
};

/** Why a run ended before the approval gate: its failed stages and test verdicts. */
const explainEarlyEnd = async (
  db: Database,
  run: { id: string; outcome: string | null; errorMessage: string | null },
) => {
  const stages = await db.healingStage.findMany({
    where: { healingRunId: run.id, status: 'failed' },
    select: { stage: true, detail: true },
  });
  const verdicts = await db.testVerdict.findMany({
    where: { healingRunId: run.id },
    select: { scope: true, name: true, verdict: true, reason: true },
  });
  return `${run.outcome ?? ''} ${run.errorMessage ?? ''}\nfailed stages: ${JSON.stringify(stages)}\nverdicts: ${JSON.stringify(verdicts)}`;
};

export const seedRuns = async (options: SeedRunsOptions): Promise<SeededRun[]> => {
  const { db, timeoutMs, context } = options;
  // Reported one after the other (each clone is quick), healed concurrently by the worker.
  const runs: SeededRun[] = [];
  for (const fixture of options.fixtures) runs.push(await ingest({ ...options, fixture }));
  const deadline = Date.now() + timeoutMs;
  for (const seeded of runs) {
    const run = await waitUntil({
      what: `the ${seeded.fixture} run (${seeded.workflowId}) to wait for approval`,
      probe: async () => {
        const row = await db.healingRun.findUnique({ where: { id: seeded.healingRunId } });
        return row && (row.status === 'waiting_approval' || row.outcome) ? row : undefined;
      },
      timeoutMs: Math.max(deadline - Date.now(), 1_000),
      intervalMs: 500,
      context,
    });
    if (run.status !== 'waiting_approval')
      throw new Error(
        `the ${seeded.fixture} run ended before the approval gate: ${await explainEarlyEnd(db, run)}\n${context()}`,
      );
  }
  return runs;
};
