import { ApplicationFailure } from '@temporalio/activity';
import {
  REPOSITORY_REFUSED,
  refuseRepository,
  resolveLocalRepository,
} from '@suture/core/intake/resolve-local-repository';
import type { Database, FailureEvent, Repository } from '@suture/db';
import type { EgressPolicy } from '@suture/core/egress/egress-types';
import type { LlmSettings } from '@suture/core/patching/llm/llm-settings';

/** Notified on every stage change; the GitHub provider shows it on the commit's Check Run. */
export type RunObserver = {
  stageChanged: (event: { healingRunId: string; stage: string; status: string }) => Promise<void>;
  finished: (event: { healingRunId: string; outcome: string; detail: string }) => Promise<void>;
};

/** What the GitHub provider does for a run; absent when no GitHub App is configured. */
export type GitHubOps = {
  cloneAt: (options: { repository: Repository; sha: string; dir: string }) => Promise<void>;
  fetchFailureLog: (options: {
    repository: Repository;
    failureEvent: FailureEvent;
  }) => Promise<{ log: string; jobName: string | null; stepName: string | null }>;
  /** The commit's author email (lower-cased), for four eyes when the event did not carry it (check_run). */
  fetchCommitAuthor: (options: { repository: Repository; sha: string }) => Promise<string | null>;
  /** Pushes `branch` from `dir` and opens the PR; deletes the branch again if the PR cannot be opened. */
  openPullRequest: (options: {
    repository: Repository;
    dir: string;
    branch: string;
    base: string;
    title: string;
    body: string;
  }) => Promise<{ number: number; url: string }>;
};

export type SandboxSettings = {
  /** PATH inside the sandbox. */
  searchPath: string;
  /** Toolchains outside the system dirs (e.g. ~/.cargo) to bind read-only into the sandbox. */
  toolchainPaths: string[];
  /** How many sandboxed runs at once. */
  concurrency: number;
  /** The install phase's registry access (SUTURE_SANDBOX_EGRESS): `default` = the tooling's own registries. */
  egress: EgressPolicy | 'default' | null;
  /** Tool cache where the egress forwarder is built once (.data/tools). */
  toolsDir: string;
  /** HOME for that one-time Go build. */
  home: string;
};

export type HealingDeps = {
  db: Database;
  /** Where per-run workspaces (clones, patched copies) live on this worker. */
  workDir: string;
  /** Local repositories are cloned from and pushed to only under these folders (after realpath). */
  localRepoRoots: string[];
  /** Shared caches (npm, fixer tools) so repeated runs do not reinstall everything. */
  cacheDir: string;
  observers: RunObserver[];
  github: GitHubOps | null;
  llm: LlmSettings | null;
  sandbox: SandboxSettings;
  /** Where the dashboard shows a run (for PR bodies and check runs). */
  dashboardUrl: string;
  /** Sandboxed runs per side (original, patched) for the flakiness verdicts. */
  testRuns: number;
};

/**
 * The local repository's real path, re-checked against the roots at the moment it is used (the intake
 * checked it too, but a folder can be swapped for a symlink since). Refusal is final, not retried.
 */
export const allowedLocalRepository = async (deps: HealingDeps, localPath: string | null) => {
  try {
    if (!localPath) throw refuseRepository();
    return await resolveLocalRepository({ repoPath: localPath, roots: deps.localRepoRoots });
  } catch {
    throw ApplicationFailure.nonRetryable(REPOSITORY_REFUSED, 'BusinessRejection');
  }
};

/** Observers are best effort: a GitHub outage must not fail a stage that succeeded. */
export const notifyObservers = async (deps: HealingDeps, call: (observer: RunObserver) => Promise<void>) => {
  await Promise.allSettled(deps.observers.map((observer) => call(observer)));
};
