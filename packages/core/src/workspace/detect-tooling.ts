import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { NodeTooling, PythonTooling, Tooling } from './tooling.ts';

const PackageJson = z.object({
  scripts: z.record(z.string(), z.string()).optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
  packageManager: z.string().optional(),
  prettier: z.unknown().optional(),
});

const lockfiles: Array<[string, NodeTooling['packageManager']]> = [
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
];

const readText = async (path: string): Promise<string | null> => readFile(path, 'utf8').catch(() => null);

const detectNode = async (dir: string, names: Set<string>): Promise<NodeTooling | null> => {
  const raw = await readText(join(dir, 'package.json'));
  if (raw === null) return null;
  let parsed: z.infer<typeof PackageJson> = {};
  try {
    parsed = PackageJson.parse(JSON.parse(raw));
  } catch {
    // A malformed package.json is itself the failure to fix; detection still reports a node project.
  }
  const lock = lockfiles.find(([name]) => names.has(name));
  const fromField = parsed.packageManager?.split('@')[0];
  const packageManager =
    lock?.[1] ?? (fromField === 'pnpm' || fromField === 'yarn' || fromField === 'bun' ? fromField : 'npm');
  const packages = [...Object.keys(parsed.dependencies ?? {}), ...Object.keys(parsed.devDependencies ?? {})];
  const has = (name: string): boolean => packages.includes(name);
  const eslintConfig =
    [...names].find((name) =>
      /^(?:eslint\.config\.(?:js|mjs|cjs|ts|mts|cts)|\.eslintrc(?:\.(?:js|cjs|json|ya?ml))?)$/.test(name),
    ) ?? null;
  const prettierConfig = [...names].some((name) =>
    /^(?:\.prettierrc(?:\..+)?|prettier\.config\.(?:js|mjs|cjs|ts))$/.test(name),
  );
  const tsconfig = names.has('tsconfig.json') ? 'tsconfig.json' : null;
  return {
    packageManager,
    lockfile: lock?.[0] ?? null,
    scripts: parsed.scripts ?? {},
    packages,
    tsconfig,
    eslintConfig: eslintConfig ?? (has('eslint') ? 'package.json' : null),
    prettier: prettierConfig || parsed.prettier !== undefined || has('prettier'),
    biome: names.has('biome.json') || names.has('biome.jsonc') || has('@biomejs/biome'),
  };
};

const detectPython = async (dir: string, names: Set<string>): Promise<PythonTooling | null> => {
  const config = ['pyproject.toml', 'setup.cfg', 'setup.py', 'requirements.txt'].find((name) =>
    names.has(name),
  );
  if (!config) return null;
  const pyproject = (await readText(join(dir, 'pyproject.toml'))) ?? '';
  const requirements =
    (await readText(join(dir, 'requirements-dev.txt'))) ??
    (await readText(join(dir, 'requirements.txt'))) ??
    '';
  const text = `${pyproject}\n${requirements}`;
  return {
    config,
    ruff: names.has('ruff.toml') || names.has('.ruff.toml') || /\[tool\.ruff|\bruff\b/.test(text),
    black: /\[tool\.black|\bblack\b/.test(text),
  };
};

/** Reads the repository root to learn which toolchains and tools the project itself uses. */
export const detectTooling = async (options: { dir: string }): Promise<Tooling> => {
  const names = new Set(await readdir(options.dir));
  const node = await detectNode(options.dir, names);
  const goMod = await readText(join(options.dir, 'go.mod'));
  const python = await detectPython(options.dir, names);
  const javaBuild = ['pom.xml', 'build.gradle', 'build.gradle.kts'].find((name) => names.has(name)) ?? null;
  const languages: Tooling['languages'] = [];
  if (node)
    languages.push(node.tsconfig || node.packages.includes('typescript') ? 'typescript' : 'javascript');
  if (names.has('Cargo.toml')) languages.push('rust');
  if (goMod !== null) languages.push('go');
  if (python) languages.push('python');
  if (javaBuild) languages.push('java');
  return {
    languages,
    node,
    rust: names.has('Cargo.toml') ? { manifest: 'Cargo.toml' } : null,
    go: goMod !== null ? { module: /^module\s+(\S+)/m.exec(goMod)?.[1] ?? '' } : null,
    python,
    java: javaBuild ? { buildFile: javaBuild } : null,
  };
};
