export type FakeStep = {
  number: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: string | null;
};

export type FakeRepository = {
  id: number;
  installationId: number;
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  /** Bare repository served over smart HTTP at <url>/git/<owner>/<name>.git (clone_url points there). */
  barePath?: string;
};

export type FakeRun = {
  id: number;
  owner: string;
  repo: string;
  name: string;
  path: string;
  headSha: string;
  headBranch: string;
  event: string;
  status: string;
  conclusion: string | null;
  runAttempt: number;
};

export type FakeJob = {
  id: number;
  runId: number;
  owner: string;
  repo: string;
  name: string;
  status: string;
  conclusion: string | null;
  steps: FakeStep[];
};
export type FakeLog =
  { text: string } | { zip: Record<string, string> } | { bytes: Uint8Array; contentType: string };
export type RecordedPullRequest = {
  number: number;
  owner: string;
  repo: string;
  title: string;
  body: string;
  head: string;
  base: string;
  draft: boolean;
  htmlUrl: string;
};
export type RecordedCheckRun = {
  id: number;
  owner: string;
  repo: string;
  name: string;
  headSha: string;
  status: string;
  conclusion: string | null;
  detailsUrl: string | null;
  externalId: string | null;
  output: { title?: string; summary?: string; text?: string } | null;
  /** Every create/update body in order, for asserting on progress updates. */
  history: Record<string, unknown>[];
};
export type RecordedRequest = {
  method: string;
  path: string;
  route: string;
  status: number;
  authorization: 'jwt' | 'token' | 'basic' | 'none';
};
export type InjectedFailure = {
  route: string;
  status: number;
  remaining: number;
  headers: Record<string, string>;
  message: string;
  delayMs: number;
};

/** Everything the fake knows; tests seed it before a call and inspect it after. */
export type FakeGitHubState = {
  appId: string;
  installations: Set<number>;
  repositories: FakeRepository[];
  runs: FakeRun[];
  jobs: FakeJob[];
  logs: Map<number, FakeLog>;
  /** Keyed by `${owner}/${repo}@${ref}:${path}`. */
  files: Map<string, string>;
  pullRequests: RecordedPullRequest[];
  checkRuns: RecordedCheckRun[];
  deletedRefs: { owner: string; repo: string; ref: string }[];
  issuedTokens: { installationId: number; token: string; expiresAt: string }[];
  requests: RecordedRequest[];
  failures: InjectedFailure[];
  /** Lifetime of newly issued installation tokens. GitHub's is one hour. */
  tokenTtlMs: number;
  nextId: () => number;

  addInstallation: (options?: { id?: number }) => number;
  addRepository: (options: {
    installationId: number;
    owner: string;
    name: string;
    defaultBranch?: string;
    private?: boolean;
    barePath?: string;
  }) => FakeRepository;
  addWorkflowRun: (
    options: { owner: string; repo: string; headSha: string } & Partial<
      Omit<FakeRun, 'owner' | 'repo' | 'headSha'>
    >,
  ) => FakeRun;
  addJob: (options: {
    runId: number;
    name: string;
    conclusion?: string | null;
    status?: string;
    steps?: { name: string; conclusion: string | null }[];
    logs?: FakeLog;
  }) => FakeJob;
  setFile: (options: { owner: string; repo: string; ref: string; path: string; content: string }) => void;
  /**
   * The next `count` requests matching route ("GET /repos/{owner}/{repo}" as Octokit spells it, or "*") fail,
   * after delayMs if given (to exercise client timeouts).
   */
  injectFailure: (options: {
    route: string;
    status: number;
    count?: number;
    retryAfterSeconds?: number;
    headers?: Record<string, string>;
    message?: string;
    delayMs?: number;
  }) => void;
  /** Requests answered so far, optionally only those of one route template. */
  requestCount: (route?: string) => number;
};

export const createFakeState = (options: { appId: string }): FakeGitHubState => {
  let id = 1000;
  const state: FakeGitHubState = {
    appId: options.appId,
    installations: new Set(),
    repositories: [],
    runs: [],
    jobs: [],
    logs: new Map(),
    files: new Map(),
    pullRequests: [],
    checkRuns: [],
    deletedRefs: [],
    issuedTokens: [],
    requests: [],
    failures: [],
    tokenTtlMs: 60 * 60_000,
    nextId: () => (id += 1),

    addInstallation: (seed = {}) => {
      const installationId = seed.id ?? state.nextId();
      state.installations.add(installationId);
      return installationId;
    },
    addRepository: (seed) => {
      state.installations.add(seed.installationId);
      const repository: FakeRepository = {
        id: state.nextId(),
        installationId: seed.installationId,
        owner: seed.owner,
        name: seed.name,
        defaultBranch: seed.defaultBranch ?? 'main',
        private: seed.private ?? true,
        barePath: seed.barePath,
      };
      state.repositories.push(repository);
      return repository;
    },
    addWorkflowRun: (seed) => {
      const run: FakeRun = {
        id: seed.id ?? state.nextId(),
        name: 'CI',
        path: '.github/workflows/ci.yml',
        headBranch: 'main',
        event: 'push',
        status: 'completed',
        conclusion: 'failure',
        runAttempt: 1,
        ...seed,
      };
      state.runs.push(run);
      return run;
    },
    addJob: (seed) => {
      const run = state.runs.find((candidate) => candidate.id === seed.runId);
      if (!run) throw new Error(`addJob: no run ${seed.runId}; add it with addWorkflowRun first`);
      const steps = (seed.steps ?? [{ name: 'Run tests', conclusion: seed.conclusion ?? 'failure' }]).map(
        (step, index) => ({
          number: index + 1,
          name: step.name,
          status: 'completed' as const,
          conclusion: step.conclusion,
        }),
      );
      const job: FakeJob = {
        id: state.nextId(),
        runId: run.id,
        owner: run.owner,
        repo: run.repo,
        name: seed.name,
        status: seed.status ?? 'completed',
        conclusion: seed.conclusion ?? 'failure',
        steps,
      };
      state.jobs.push(job);
      if (seed.logs) state.logs.set(job.id, seed.logs);
      return job;
    },
    setFile: (seed) => {
      state.files.set(`${seed.owner}/${seed.repo}@${seed.ref}:${seed.path}`, seed.content);
    },
    injectFailure: (seed) => {
      state.failures.push({
        route: seed.route,
        status: seed.status,
        remaining: seed.count ?? 1,
        headers: {
          ...(seed.retryAfterSeconds !== undefined ? { 'retry-after': String(seed.retryAfterSeconds) } : {}),
          ...seed.headers,
        },
        message:
          seed.message ?? (seed.status === 429 ? 'You have exceeded a secondary rate limit' : 'Server Error'),
        delayMs: seed.delayMs ?? 0,
      });
    },
    requestCount: (route) =>
      route === undefined
        ? state.requests.length
        : state.requests.filter((request) => request.route === route).length,
  };
  return state;
};
