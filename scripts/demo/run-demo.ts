// `npm start`'s demo: generates the demo repositories into <dataDir>/demo, reports each one's real CI
// failure through the production intake (POST /api/ingest), and prints every run's progress until each one
// is waiting for approval or has ended. Reporting is idempotent (the same failure of the same repository is
// never healed twice), so a second `npm start` shows the existing runs instead of starting new ones.
import { join } from 'node:path';
import { createDatabase } from '@suture/db';
import { demoCases } from './demo-cases.ts';
import { describeProgress, isSettled, summarizeRuns, type RunSnapshot } from './format-run-progress.ts';
import { prepareDemoRepository } from './prepare-demo-repository.ts';
import { readRunSnapshots, type TrackedRun } from './read-run-snapshots.ts';
import { reportFailure } from './report-failure.ts';

export type RunDemoOptions = {
  dashboardUrl: string;
  apiToken: string;
  dataDir: string;
  databaseUrl: string;
  organizationSlug: string;
  log: (line: string) => void;
  timeoutMs?: number;
};

export type DemoResult = { runs: RunSnapshot[]; waiting: number; summary: string; timedOut: boolean };

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export const runDemo = async (options: RunDemoOptions): Promise<DemoResult> => {
  const { log } = options;
  const db = createDatabase({ databaseUrl: options.databaseUrl, maxConnections: 2 });
  const tracked: TrackedRun[] = [];
  const last = new Map<string, RunSnapshot>();
  const nameWidth = Math.max(...demoCases.map((c) => c.fixture.length));
  const deadline = Date.now() + (options.timeoutMs ?? 20 * 60_000);
  let reporting = true;
  let stopped = false;

  const poll = async () => {
    const snapshots = await readRunSnapshots({ db, runs: tracked });
    for (const current of snapshots) {
      for (const line of describeProgress({ previous: last.get(current.name), current, nameWidth }))
        log(line);
      last.set(current.name, current);
    }
    return snapshots;
  };
  // Progress is printed while later repositories are still being generated.
  const watching = (async () => {
    let snapshots: RunSnapshot[] = [];
    for (;;) {
      // A failed read (the database restarting, say) is retried on the next tick.
      snapshots = (await poll().catch(() => null)) ?? snapshots;
      const settled = snapshots.length === tracked.length && snapshots.every(isSettled);
      if (stopped || (!reporting && settled)) return { snapshots, timedOut: false };
      if (Date.now() > deadline) return { snapshots, timedOut: true };
      await sleep(1000);
    }
  })();

  try {
    await db.organization.upsert({
      where: { slug: options.organizationSlug },
      update: {},
      create: { slug: options.organizationSlug, name: 'Demo organization' },
    });
    for (const demoCase of demoCases) {
      const started = Date.now();
      const name = demoCase.fixture.padEnd(nameWidth);
      try {
        const repo = await prepareDemoRepository({
          fixture: demoCase.fixture,
          demoDir: join(options.dataDir, 'demo'),
        });
        // Runs that all ended in `error` (a toolchain was missing, say) are no verdict on the failure: report
        // it again under a new run id, since the intake never heals the same run twice.
        const earlier = await db.healingRun.findMany({
          where: { repository: { localPath: repo.repoPath } },
          select: { outcome: true },
        });
        const retry = earlier.length > 0 && earlier.every((run) => run.outcome === 'error');
        const reported = await reportFailure({
          dashboardUrl: options.dashboardUrl,
          apiToken: options.apiToken,
          repoPath: repo.repoPath,
          log: repo.log,
          command: repo.command,
          jobName: 'build',
          ...(retry ? { runId: `demo-retry-${earlier.length}` } : {}),
        });
        log(
          `${name}  ${demoCase.story}: ${
            reported.started
              ? `failure reported (${repo.created ? `repository generated in ${seconds(started)}` : 'repository reused'})`
              : 'reported by an earlier npm start; showing that run'
          }`,
        );
        tracked.push({ name: repo.name, healingRunId: reported.healingRunId });
      } catch (error) {
        // One case whose toolchain is missing (cargo, say) must not keep the others from the dashboard.
        log(`${name}  skipped: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    }
    reporting = false;
    const { snapshots, timedOut } = await watching;
    const waiting = snapshots.filter((run) => run.status === 'waiting_approval').length;
    return { runs: snapshots, waiting, summary: summarizeRuns(snapshots), timedOut };
  } finally {
    stopped = true;
    await watching.catch(() => undefined);
    await db.$disconnect();
  }
};
