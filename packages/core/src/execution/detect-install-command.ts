import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { readPackageInfo } from './read-package-info.ts';
import { sandboxWorkspacePath } from './sandbox-types.ts';

export type DetectInstallCommandOptions = { dir: string };

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/**
 * The dependency install step, run once with network (when allowed) before the offline test runs. Everything lands
 * inside the workspace (node_modules, the venv, the caches buildSandboxEnv points at) so the runs can reuse it.
 * Null when there is nothing to install.
 */
export const detectInstallCommand = async (options: DetectInstallCommandOptions): Promise<string | null> => {
  const at = (name: string): string => join(options.dir, name);
  const pkg = await readPackageInfo({ dir: options.dir });
  const hasDeps = Object.keys({ ...pkg?.dependencies, ...pkg?.devDependencies }).length > 0;
  if (pkg && hasDeps && !(await exists(at('node_modules')))) {
    if (await exists(at('pnpm-lock.yaml'))) return 'pnpm install --frozen-lockfile';
    if (await exists(at('yarn.lock'))) return 'yarn install --frozen-lockfile';
    if (await exists(at('package-lock.json'))) return 'npm ci --no-audit --no-fund';
    return 'npm install --no-audit --no-fund';
  }
  const venv = `${sandboxWorkspacePath}/.suture-venv`;
  if (await exists(at('requirements.txt'))) return `python3 -m venv ${venv} && ${venv}/bin/pip install -q -r requirements.txt`;
  if (await exists(at('pyproject.toml'))) return `python3 -m venv ${venv} && ${venv}/bin/pip install -q -e .`;
  if (await exists(at('go.mod'))) return 'go mod download';
  if (await exists(at('Cargo.toml'))) return 'cargo fetch';
  if (await exists(at('pom.xml'))) return 'mvn -B -q dependency:go-offline';
  return null;
};
