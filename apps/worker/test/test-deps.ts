// Activity dependencies for tests: real database, real sandbox, a private work directory, no GitHub/LLM.
import { chmodSync, mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '@suture/db';
import type { HealingDeps } from '../src/activities/healing/deps.ts';

export const testDeps = (db: Database, overrides: Partial<HealingDeps> = {}): HealingDeps => {
  const root = mkdtempSync(join(tmpdir(), 'suture-worker-test-'));
  // Traversable, as the stack makes .data: the sandbox's uid binds the shared dependency install under cache/.
  chmodSync(root, 0o711);
  return {
    db,
    workDir: join(root, 'workspaces'),
    // None: a test that heals a local repository names the folder it made for it.
    localRepoRoots: [],
    cacheDir: join(root, 'cache'),
    observers: [],
    github: null,
    llm: null,
    sandbox: {
      searchPath: process.env.PATH ?? '/usr/bin:/bin',
      toolchainPaths: [],
      concurrency: availableParallelism(),
      egress: 'default',
      // The repository's shared tool cache, so the egress forwarder is built once for every test run.
      toolsDir: join(import.meta.dirname, '..', '..', '..', '.data', 'tools'),
      home: process.env.HOME ?? '/root',
    },
    dashboardUrl: 'http://127.0.0.1:3000',
    testRuns: 3,
    ...overrides,
  };
};
