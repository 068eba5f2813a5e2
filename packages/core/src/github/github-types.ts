import type { Octokit } from '@octokit/core';
import type { IPolicy } from 'cockatiel';

export type GitHubClientOptions = {
  appId: number | string;
  /** PEM, PKCS#1 (as GitHub hands it out) or PKCS#8. */
  privateKey: string;
  /** REST API root; GitHub Enterprise Server uses https://HOST/api/v3. */
  baseUrl?: string;
  /** Web/git root that may receive the installation token on clone and push; derived from baseUrl by default. */
  gitBaseUrl?: string;
  requestTimeoutMs?: number;
  retry?: { maxRetries?: number; initialDelayMs?: number; maxDelayMs?: number };
  breaker?: { consecutiveFailures?: number; halfOpenAfterMs?: number };
  /** A cached installation token is replaced once it is this close to its expires_at. */
  tokenRefreshMarginMs?: number;
  gitTimeoutMs?: number;
  userAgent?: string;
  /** Clock for token expiry decisions; tests move it forward instead of sleeping. */
  now?: () => number;
};

export type CachedToken = { token: string; expiresAtMs: number };

/** Everything an operation needs to talk to GitHub; built once by createGitHubClient and shared. */
export type GitHubConnection = {
  baseUrl: string;
  gitOrigin: string;
  /** App-authenticated (JWT) Octokit from @octokit/app; only used to mint installation tokens. */
  appOctokit: Octokit;
  /** Unauthenticated Octokit; operations pass the installation token per request. */
  octokit: Octokit;
  policy: IPolicy;
  requestTimeoutMs: number;
  gitTimeoutMs: number;
  tokenRefreshMarginMs: number;
  now: () => number;
  tokens: Map<number, CachedToken>;
  pendingTokens: Map<number, Promise<CachedToken>>;
  /** Every token this connection has seen, so any text leaving the module can be scrubbed of them. */
  secrets: Set<string>;
};

export type RepositoryRef = { installationId: number; owner: string; repo: string };

export type StepConclusion =
  | 'success'
  | 'failure'
  | 'cancelled'
  | 'skipped'
  | 'neutral'
  | 'timed_out'
  | 'action_required'
  | 'stale'
  | null;

export type WorkflowRun = {
  id: number;
  name: string | null;
  runAttempt: number;
  status: string | null;
  conclusion: string | null;
  headSha: string;
  headBranch: string | null;
  event: string;
  workflowPath: string;
  htmlUrl: string;
  createdAt: string;
  updatedAt: string;
  repository: { fullName: string; cloneUrl: string | null; defaultBranch: string | null };
};

export type WorkflowStep = { number: number; name: string; status: string; conclusion: StepConclusion };

export type WorkflowJob = {
  id: number;
  runId: number;
  runAttempt: number | null;
  name: string;
  status: string;
  conclusion: string | null;
  headSha: string;
  htmlUrl: string | null;
  startedAt: string;
  completedAt: string | null;
  steps: WorkflowStep[];
};

export type FailedJob = { job: WorkflowJob; failedSteps: WorkflowStep[] };

export type Repository = {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  private: boolean;
  defaultBranch: string;
  cloneUrl: string;
  htmlUrl: string;
};

export type CheckRunStatus = 'queued' | 'in_progress' | 'completed';
export type CheckRunConclusion =
  'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';
export type CheckRunOutput = { title: string; summary: string; text?: string };
export type CheckRun = { id: number; htmlUrl: string | null; status: string; conclusion: string | null };
