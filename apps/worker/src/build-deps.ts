// Turns the validated environment into the activities' dependencies.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '@suture/db';
import type { HealingDeps } from './activities/healing/deps.ts';
import { createGitHubClient } from '@suture/core/github/index';
import { isReachableByOthers } from '@suture/core/execution/is-reachable-by-others';
import { createCheckRunObserver } from './github/create-check-run-observer.ts';
import { createGitHubOps } from './github/create-github-ops.ts';
import type { WorkerEnv } from './env.ts';

export const buildHealingDeps = ({ env, db }: { env: WorkerEnv; db: Database }): HealingDeps => {
  const dataDir = resolve(env.SUTURE_DATA_DIR);
  const toolchains = env.SUTURE_SANDBOX_TOOLCHAINS
    ? env.SUTURE_SANDBOX_TOOLCHAINS.split(':').filter(Boolean)
    : [join(env.HOME, '.cargo'), join(env.HOME, '.rustup'), join(env.HOME, 'go')].filter(
        // Sandboxed runs use an unprivileged uid: a toolchain under a private /root is not reachable (set
        // SUTURE_SANDBOX_TOOLCHAINS to a shared copy).
        (dir) => existsSync(dir) && isReachableByOthers({ path: dir }),
      );
  const github =
    env.GITHUB_APP_ID && env.GITHUB_APP_PRIVATE_KEY
      ? createGitHubClient({
          appId: env.GITHUB_APP_ID,
          privateKey: env.GITHUB_APP_PRIVATE_KEY,
          baseUrl: env.GITHUB_API_URL,
        })
      : null;
  return {
    db,
    workDir: join(dataDir, 'workspaces'),
    localRepoRoots: env.SUTURE_LOCAL_REPO_ROOTS ?? [join(dataDir, 'demo')],
    cacheDir: join(dataDir, 'cache'),
    observers: github
      ? [createCheckRunObserver({ client: github, db, dashboardUrl: env.SUTURE_DASHBOARD_URL })]
      : [],
    github: github ? createGitHubOps({ client: github }) : null,
    llm: env.ANTHROPIC_API_KEY
      ? {
          anthropicApiKey: env.ANTHROPIC_API_KEY,
          ...(env.ANTHROPIC_BASE_URL ? { anthropicBaseUrl: env.ANTHROPIC_BASE_URL } : {}),
          model: env.SUTURE_CLAUDE_MODEL,
          ...(env.MORPH_API_KEY ? { morphApiKey: env.MORPH_API_KEY } : {}),
          ...(env.MORPH_BASE_URL ? { morphBaseUrl: env.MORPH_BASE_URL } : {}),
        }
      : null,
    sandbox: {
      searchPath: env.PATH,
      toolchainPaths: toolchains,
      concurrency: env.SUTURE_SANDBOX_CONCURRENCY,
      egress: env.SUTURE_SANDBOX_EGRESS,
      toolsDir: join(dataDir, 'tools'),
      home: env.HOME,
    },
    dashboardUrl: env.SUTURE_DASHBOARD_URL,
    testRuns: env.SUTURE_TEST_RUNS,
  };
};
