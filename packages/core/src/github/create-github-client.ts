import { App } from '@octokit/app';
import { Octokit } from '@octokit/core';
import { cloneRepository } from './clone-repository.ts';
import { createCheckRun } from './create-check-run.ts';
import { createGitHubPolicy } from './create-github-policy.ts';
import { deleteBranch } from './delete-branch.ts';
import { downloadJobLogs } from './download-job-logs.ts';
import { getCommitAuthor } from './get-commit-author.ts';
import { getInstallationToken } from './get-installation-token.ts';
import { getRepository } from './get-repository.ts';
import { getWorkflowFile } from './get-workflow-file.ts';
import { getWorkflowRun } from './get-workflow-run.ts';
import type { GitHubClientOptions, GitHubConnection } from './github-types.ts';
import { listInstallationRepositories } from './list-installation-repositories.ts';
import { listWorkflowJobs } from './list-workflow-jobs.ts';
import { openPullRequest } from './open-pull-request.ts';
import { pushBranch } from './push-branch.ts';
import { updateCheckRun } from './update-check-run.ts';

type Bound<F> = F extends (options: infer O) => infer R ? (options: Omit<O, 'connection'>) => R : never;

export type GitHubClient = {
  /** Shared state (token cache, policy); pass it to the operation functions directly if preferred. */
  connection: GitHubConnection;
  getInstallationToken: Bound<typeof getInstallationToken>;
  getWorkflowRun: Bound<typeof getWorkflowRun>;
  getCommitAuthor: Bound<typeof getCommitAuthor>;
  listWorkflowJobs: Bound<typeof listWorkflowJobs>;
  downloadJobLogs: Bound<typeof downloadJobLogs>;
  getWorkflowFile: Bound<typeof getWorkflowFile>;
  getRepository: Bound<typeof getRepository>;
  listInstallationRepositories: Bound<typeof listInstallationRepositories>;
  cloneRepository: Bound<typeof cloneRepository>;
  pushBranch: Bound<typeof pushBranch>;
  deleteBranch: Bound<typeof deleteBranch>;
  openPullRequest: Bound<typeof openPullRequest>;
  createCheckRun: Bound<typeof createCheckRun>;
  updateCheckRun: Bound<typeof updateCheckRun>;
};

/** github.com serves the API from api.github.com and git from github.com; GHES serves both from one host. */
const deriveGitOrigin = (baseUrl: string): string => {
  const url = new URL(baseUrl);
  return url.hostname === 'api.github.com' ? 'https://github.com' : url.origin;
};

/**
 * A GitHub App client: App JWT auth via @octokit/app, installation tokens cached per installation until
 * shortly before their expires_at, and one retry + circuit-breaker policy around every call (API and git).
 * Each method is the operation of the same name in its own file, with the connection filled in.
 */
export const createGitHubClient = (options: GitHubClientOptions): GitHubClient => {
  const baseUrl = (options.baseUrl ?? 'https://api.github.com').replace(/\/+$/, '');
  const userAgent = options.userAgent ?? 'suture-github-app';
  // No Octokit log output: request errors surface as AppErrors, and Octokit's own warnings would bypass redaction.
  const log = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const BaseOctokit = Octokit.defaults({ baseUrl, userAgent, log });
  const app = new App({ appId: options.appId, privateKey: options.privateKey, Octokit: BaseOctokit, log });
  const connection: GitHubConnection = {
    baseUrl,
    gitOrigin: options.gitBaseUrl ? new URL(options.gitBaseUrl).origin : deriveGitOrigin(baseUrl),
    appOctokit: app.octokit,
    octokit: new BaseOctokit(),
    policy: createGitHubPolicy({ ...options.retry, ...options.breaker }),
    requestTimeoutMs: options.requestTimeoutMs ?? 30_000,
    gitTimeoutMs: options.gitTimeoutMs ?? 300_000,
    tokenRefreshMarginMs: options.tokenRefreshMarginMs ?? 5 * 60_000,
    now: options.now ?? Date.now,
    tokens: new Map(),
    pendingTokens: new Map(),
    secrets: new Set(),
  };
  const bind =
    <O extends { connection: GitHubConnection }, R>(operation: (options: O) => R) =>
    (rest: Omit<O, 'connection'>): R =>
      operation({ ...rest, connection } as O);
  return {
    connection,
    getInstallationToken: bind(getInstallationToken),
    getWorkflowRun: bind(getWorkflowRun),
    getCommitAuthor: bind(getCommitAuthor),
    listWorkflowJobs: bind(listWorkflowJobs),
    downloadJobLogs: bind(downloadJobLogs),
    getWorkflowFile: bind(getWorkflowFile),
    getRepository: bind(getRepository),
    listInstallationRepositories: bind(listInstallationRepositories),
    cloneRepository: bind(cloneRepository),
    pushBranch: bind(pushBranch),
    deleteBranch: bind(deleteBranch),
    openPullRequest: bind(openPullRequest),
    createCheckRun: bind(createCheckRun),
    updateCheckRun: bind(updateCheckRun),
  };
};
