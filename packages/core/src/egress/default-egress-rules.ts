import type { EgressRule } from './egress-types.ts';

// The public registry each package manager downloads from by default (HTTPS only).
const registries: Array<{ tools: RegExp; hosts: string[] }> = [
  { tools: /\b(?:npm|npx|pnpm|bun|yarn)\b/, hosts: ['registry.npmjs.org'] },
  { tools: /\byarn\b/, hosts: ['registry.yarnpkg.com', 'repo.yarnpkg.com'] },
  { tools: /\b(?:pip3?|poetry|uv|pipenv)\b|\bpython3? -m venv\b/, hosts: ['pypi.org', 'files.pythonhosted.org'] },
  { tools: /\bcargo\b/, hosts: ['index.crates.io', 'static.crates.io', 'crates.io'] },
  { tools: /\bgo\b/, hosts: ['proxy.golang.org', 'sum.golang.org'] },
  { tools: /\b(?:mvn|mvnw|gradle|gradlew)\b/, hosts: ['repo.maven.apache.org', 'repo1.maven.org'] },
];

export type DefaultEgressRulesOptions = { installCommand: string };

/** The registries the install command's own tooling uses, when SUTURE_SANDBOX_EGRESS does not say otherwise. */
export const defaultEgressRules = (options: DefaultEgressRulesOptions): EgressRule[] => {
  const hosts = registries.filter((entry) => entry.tools.test(options.installCommand)).flatMap((entry) => entry.hosts);
  return [...new Set(hosts)].map((host) => ({ host, port: 443 }));
};
