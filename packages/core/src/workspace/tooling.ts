export type NodeTooling = {
  packageManager: 'npm' | 'pnpm' | 'yarn' | 'bun';
  lockfile: string | null;
  scripts: Record<string, string>;
  /** Names from dependencies and devDependencies. */
  packages: string[];
  tsconfig: string | null;
  eslintConfig: string | null;
  prettier: boolean;
  biome: boolean;
};

export type PythonTooling = { config: string; ruff: boolean; black: boolean };

export type Tooling = {
  languages: Array<'typescript' | 'javascript' | 'rust' | 'go' | 'python' | 'java'>;
  node: NodeTooling | null;
  rust: { manifest: string } | null;
  go: { module: string } | null;
  python: PythonTooling | null;
  java: { buildFile: string } | null;
};
