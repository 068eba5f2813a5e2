import { access, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readPackageInfo } from './read-package-info.ts';

export type DetectTestCommandOptions = { dir: string };

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);
const npmPlaceholder = /no test specified/;

/** The project's conventional test command when no workflow step says otherwise; null when none applies. */
export const detectTestCommand = async (options: DetectTestCommandOptions): Promise<string | null> => {
  const pkg = await readPackageInfo({ dir: options.dir });
  const test = pkg?.scripts?.test;
  if (test && !npmPlaceholder.test(test)) return 'npm test';
  if (await exists(join(options.dir, 'Cargo.toml'))) return 'cargo test';
  if (await exists(join(options.dir, 'go.mod'))) return 'go test ./...';
  if (await exists(join(options.dir, 'pom.xml'))) return 'mvn -B test';
  const names = await readdir(options.dir).catch(() => [] as string[]);
  const python = ['pyproject.toml', 'pytest.ini', 'setup.cfg', 'tox.ini', 'conftest.py', 'setup.py'].some((name) => names.includes(name));
  if (python || names.some((name) => /^test_.*\.py$/.test(name)) || names.includes('tests')) return 'python3 -m pytest';
  return null;
};
