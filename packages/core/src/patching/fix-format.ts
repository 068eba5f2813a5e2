import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../workspace/run-command.ts';
import { findTool } from './find-tool.ts';
import { listFixerCandidates } from './list-fixer-candidates.ts';
import { runFixerTool } from './run-fixer-tool.ts';
import type { FixContext, FixerRun } from './fixer.ts';

const byExtension = (files: readonly string[], pattern: RegExp): string[] =>
  files.filter((file) => pattern.test(file));
const prettierFiles = /\.(?:[cm]?[jt]sx?|json|jsonc|css|scss|less|md|mdx|ya?ml|html|vue|svelte|graphql)$/;

const run = async (context: FixContext, command: string, args: string[], mayChange: readonly string[] = []): Promise<string> =>
  (await runFixerTool({ context, command, args, mayChange })).note;

/** Files the repository's own check considers unformatted, used when the log named none. */
const prettierDrift = async (context: FixContext, prettier: string): Promise<string[]> => {
  // Prettier loads the repository's config and plugins (code): in the sandbox when there is one; it only reads.
  const result = await (context.run ?? runCommand)({
    cwd: context.workspace.dir,
    command: prettier,
    args: ['--list-different', '.'],
    timeoutMs: context.timeoutMs,
  });
  return result.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
};

const rustEdition = async (dir: string): Promise<string> => {
  const manifest = await readFile(join(dir, 'Cargo.toml'), 'utf8').catch(() => '');
  return /^\s*edition\s*=\s*"(\d{4})"/m.exec(manifest)?.[1] ?? '2021';
};

/** The repository's own formatter on the reported files only (the whole tree only when no file was named). */
export const fixFormatting = async (options: { context: FixContext }): Promise<FixerRun> => {
  const { context } = options;
  const { tooling, workspace, files } = context;
  const dir = workspace.dir;
  const notes: string[] = [];
  if (tooling.node) {
    const biome = tooling.node.biome ? await findTool({ dir, name: 'biome' }) : null;
    const prettier = !biome && tooling.node.prettier ? await findTool({ dir, name: 'prettier' }) : null;
    if (biome) {
      const pattern = /\.(?:[cm]?[jt]sx?|jsonc?|css|graphql)$/;
      const targets = byExtension(files, pattern);
      const mayChange = await listFixerCandidates({ context, targets, pattern });
      notes.push(await run(context, biome, ['format', '--write', ...(targets.length > 0 ? targets : ['.'])], mayChange));
    } else if (prettier) {
      const named = byExtension(files, prettierFiles);
      const targets = named.length > 0 ? named : await prettierDrift(context, prettier);
      if (targets.length > 0) notes.push(await run(context, prettier, ['--write', ...targets], targets));
    }
  }
  if (tooling.rust) {
    const targets = byExtension(files, /\.rs$/);
    notes.push(
      targets.length > 0
        ? await run(context, 'rustfmt', ['--edition', await rustEdition(dir), ...targets])
        : await run(context, 'cargo', ['fmt', '--all']),
    );
  }
  if (tooling.go) {
    const targets = byExtension(files, /\.go$/);
    notes.push(await run(context, 'gofmt', ['-w', ...(targets.length > 0 ? targets : ['.'])]));
  }
  if (tooling.python) {
    const targets = byExtension(files, /\.pyi?$/);
    const ruff = tooling.python.ruff
      ? await findTool({ dir, name: 'ruff', ...(context.toolsDir ? { toolsDir: context.toolsDir } : {}) })
      : null;
    const black =
      !ruff && tooling.python.black
        ? await findTool({ dir, name: 'black', ...(context.toolsDir ? { toolsDir: context.toolsDir } : {}) })
        : null;
    const mayChange = await listFixerCandidates({ context, targets, pattern: /\.pyi?$/ });
    if (ruff) notes.push(await run(context, ruff, ['format', ...(targets.length > 0 ? targets : ['.'])], mayChange));
    else if (black)
      notes.push(await run(context, black, ['--quiet', ...(targets.length > 0 ? targets : ['.'])], mayChange));
  }
  const status = await workspace.git.raw(['status', '--porcelain']);
  return {
    changed: status.trim().length > 0,
    notes: notes.length > 0 ? notes : ['No formatter of the repository was found.'],
  };
};
