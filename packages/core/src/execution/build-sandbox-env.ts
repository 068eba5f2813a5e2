import { sandboxHomePath, sandboxWorkspacePath } from './sandbox-types.ts';

export type BuildSandboxEnvOptions = {
  /** Extra PATH entries (toolchains) placed before the system ones. */
  extraPath?: string[];
  /** Explicit variables from the workflow or caller; never copied from the host environment. */
  env?: Record<string, string>;
};

const systemPath = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];

/**
 * The scrubbed environment every backend starts from: nothing from the host leaks in (tokens live in env vars),
 * and the fixed TZ/LANG/HOME remove the usual "passes on my machine" differences. Dependency caches point into
 * the workspace so that what the install phase fetched is still there for the offline test runs.
 */
export const buildSandboxEnv = (options: BuildSandboxEnvOptions = {}): Record<string, string> => {
  const cache = `${sandboxWorkspacePath}/.suture-cache`;
  const path = [`${sandboxWorkspacePath}/.suture-venv/bin`, `${sandboxWorkspacePath}/node_modules/.bin`, ...(options.extraPath ?? []), ...systemPath];
  return {
    PATH: [...new Set(path)].join(':'),
    HOME: sandboxHomePath,
    USER: 'sandbox',
    TZ: 'UTC',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TMPDIR: '/tmp',
    CI: 'true',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    npm_config_cache: `${cache}/npm`,
    npm_config_update_notifier: 'false',
    PIP_CACHE_DIR: `${cache}/pip`,
    PYTHONDONTWRITEBYTECODE: '1',
    GOMODCACHE: `${cache}/go/mod`,
    GOCACHE: `${cache}/go/build`,
    GOFLAGS: '-mod=mod',
    GOTOOLCHAIN: 'local',
    CARGO_HOME: `${cache}/cargo`,
    MAVEN_ARGS: `-Dmaven.repo.local=${cache}/m2`,
    ...options.env,
  };
};
