import type { AnalyzedChange } from './guardrail-finding.ts';

export const isTestPath = (path: string): boolean =>
  /(?:^|\/)(?:__tests__|tests?|spec|e2e|testing)\//.test(path) ||
  /\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/.test(path) ||
  /(?:^|\/)test_[^/]+\.py$|_test\.py$|(?:^|\/)conftest\.py$/.test(path) ||
  /_test\.go$/.test(path) ||
  /(?:^|\/)src\/test\//.test(path) ||
  /Tests?\.(?:java|kt)$/.test(path);

export const isCiConfigPath = (path: string): boolean =>
  /^\.github\/(?:workflows|actions)\//.test(path) ||
  /^\.gitlab-ci\.ya?ml$|^\.gitlab\/ci\//.test(path) ||
  /^\.circleci\//.test(path) ||
  /(?:^|\/)Jenkinsfile$/.test(path) ||
  /^azure-pipelines\.ya?ml$|^\.travis\.ya?ml$|^\.buildkite\/|^bitbucket-pipelines\.ya?ml$|^\.drone\.ya?ml$/.test(
    path,
  );

export const isLockfilePath = (path: string): boolean =>
  /(?:^|\/)(?:package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|go\.sum|poetry\.lock|uv\.lock|Pipfile\.lock|Gemfile\.lock|composer\.lock|gradle\.lockfile)$/.test(
    path,
  );

export const isMigrationPath = (path: string): boolean =>
  /(?:^|\/)(?:migrations?|db\/migrate|alembic\/versions|flyway|liquibase)\//.test(path);

export const isSecretPath = (path: string): boolean =>
  /(?:^|\/)\.env(?:\.[\w.-]+)?$/.test(path) ||
  /\.(?:pem|key|p12|pfx|keystore|jks)$/.test(path) ||
  /(?:^|\/)(?:id_rsa|id_ed25519|\.npmrc|\.pypirc|\.netrc|credentials(?:\.json)?|secrets?\.(?:ya?ml|json|toml))$/.test(
    path,
  );

export const isSnapshotPath = (path: string): boolean =>
  /(?:^|\/)__snapshots__\/|\.snap$|\.ambr$|(?:^|\/)snapshots\/[^/]+\.snap$|\.golden$/.test(path);

export const languageOf = (path: string): AnalyzedChange['language'] => {
  if (/\.[cm]?[jt]sx?$/.test(path)) return 'js';
  if (/\.pyi?$/.test(path)) return 'python';
  if (path.endsWith('.rs')) return 'rust';
  if (path.endsWith('.go')) return 'go';
  if (/\.(?:java|kt)$/.test(path)) return 'java';
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (/\.(?:sh|bash)$|(?:^|\/)Makefile$|(?:^|\/)Dockerfile$/.test(path)) return 'shell';
  if (/\.json$/.test(path)) return 'json';
  return 'other';
};
