import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyTransaction } from './apply-transaction.ts';
import { createWorkspace } from './create-workspace.ts';
import { detectTooling } from './detect-tooling.ts';
import { diffWorkspace } from './diff-workspace.ts';
import { disposeWorkspace } from './dispose-workspace.ts';
import { installDependencies } from './install-dependencies.ts';
import { runCommand } from './run-command.ts';
import type { Workspace } from './workspace.ts';

const temp: string[] = [];
const open: Workspace[] = [];
afterEach(async () => {
  for (const workspace of open.splice(0)) await disposeWorkspace({ workspace });
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  runCommand({ cwd, command: 'git', args: ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args] });

const makeRepo = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-repo-'));
  temp.push(dir);
  await mkdir(join(dir, 'src'));
  await writeFile(join(dir, 'src/a.ts'), 'export const a = 1;\n');
  await git(dir, 'init', '-q');
  await git(dir, 'add', '-A');
  await git(dir, 'commit', '-qm', 'good');
  await writeFile(join(dir, 'src/a.ts'), 'export const a = 2;\n');
  await git(dir, 'commit', '-qam', 'failing');
  return dir;
};

describe('workspace', () => {
  it('clones the failing commit and leaves uncommitted edits of the source behind', async () => {
    const repo = await makeRepo();
    await writeFile(join(repo, 'src/a.ts'), 'local edit\n');
    const workspace = await createWorkspace({ sourceDir: repo });
    open.push(workspace);
    expect(await readFile(join(workspace.dir, 'src/a.ts'), 'utf8')).toBe('export const a = 2;\n');
    expect(workspace.baseCommit).toBe((await git(repo, 'rev-parse', 'HEAD')).stdout.trim());
  });

  it('clones an older commit when asked', async () => {
    const repo = await makeRepo();
    const first = (await git(repo, 'rev-parse', 'HEAD~1')).stdout.trim();
    const workspace = await createWorkspace({ sourceDir: repo, commit: first });
    open.push(workspace);
    expect(await readFile(join(workspace.dir, 'src/a.ts'), 'utf8')).toBe('export const a = 1;\n');
  });

  it('snapshots a directory that is not a git repository', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-plain-'));
    temp.push(dir);
    await writeFile(join(dir, 'main.go'), 'package main\n');
    await mkdir(join(dir, 'node_modules'));
    const workspace = await createWorkspace({ sourceDir: dir });
    open.push(workspace);
    expect(await readFile(join(workspace.dir, 'main.go'), 'utf8')).toBe('package main\n');
    expect((await diffWorkspace({ workspace })).diff).toBe('');
  });

  it('rejects a missing directory as bad input', async () => {
    await expect(createWorkspace({ sourceDir: '/nonexistent/suture' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
  });

  it('keeps an accepted change and diffs it with a/ b/ paths', async () => {
    const workspace = await createWorkspace({ sourceDir: await makeRepo() });
    open.push(workspace);
    const result = await applyTransaction({
      workspace,
      label: 'edit',
      apply: async () => writeFile(join(workspace.dir, 'src/a.ts'), 'export const a = 3;\n'),
      decide: async () => Promise.resolve({ keep: true, result: null }),
    });
    expect(result.kept).toBe(true);
    const { diff, files } = await diffWorkspace({ workspace });
    expect(files).toEqual(['src/a.ts']);
    expect(diff).toContain('--- a/src/a.ts\n+++ b/src/a.ts');
    expect(diff).toContain('+export const a = 3;');
  });

  it('rolls a rejected change back to the exact previous tree, new files included', async () => {
    const workspace = await createWorkspace({ sourceDir: await makeRepo() });
    open.push(workspace);
    const result = await applyTransaction({
      workspace,
      label: 'edit',
      apply: async () => {
        await writeFile(join(workspace.dir, 'src/a.ts'), 'broken\n');
        await writeFile(join(workspace.dir, 'src/new.ts'), 'new\n');
      },
      decide: async (change) => Promise.resolve({ keep: false, result: change.files }),
    });
    expect(result.kept).toBe(false);
    expect(result.result.sort()).toEqual(['src/a.ts', 'src/new.ts']);
    expect(await readFile(join(workspace.dir, 'src/a.ts'), 'utf8')).toBe('export const a = 2;\n');
    expect(
      (await runCommand({ cwd: workspace.dir, command: 'git', args: ['status', '--porcelain'] })).stdout,
    ).toBe('');
  });

  it('rolls back when a step throws', async () => {
    const workspace = await createWorkspace({ sourceDir: await makeRepo() });
    open.push(workspace);
    await expect(
      applyTransaction({
        workspace,
        label: 'edit',
        apply: async () => {
          await writeFile(join(workspace.dir, 'src/a.ts'), 'broken\n');
          throw new Error('fixer crashed');
        },
        decide: async () => Promise.resolve({ keep: true, result: null }),
      }),
    ).rejects.toThrow('fixer crashed');
    expect(await readFile(join(workspace.dir, 'src/a.ts'), 'utf8')).toBe('export const a = 2;\n');
  });
});

describe('detectTooling', () => {
  it('reads package.json, lockfile, tsconfig and linter/formatter configs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-tooling-'));
    temp.push(dir);
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({
        scripts: { lint: 'eslint .' },
        devDependencies: { typescript: '6.0.3', prettier: '3' },
      }),
    );
    await writeFile(join(dir, 'package-lock.json'), '{}');
    await writeFile(join(dir, 'tsconfig.json'), '{}');
    await writeFile(join(dir, 'eslint.config.js'), 'export default [];');
    await writeFile(join(dir, 'Cargo.toml'), '[package]\nname = "x"\n');
    await writeFile(join(dir, 'go.mod'), 'module example.com/x\n\ngo 1.22\n');
    await writeFile(join(dir, 'pyproject.toml'), '[tool.ruff]\nline-length = 100\n');
    const tooling = await detectTooling({ dir });
    expect(tooling.languages).toEqual(['typescript', 'rust', 'go', 'python']);
    expect(tooling.node).toMatchObject({
      packageManager: 'npm',
      lockfile: 'package-lock.json',
      tsconfig: 'tsconfig.json',
      eslintConfig: 'eslint.config.js',
      prettier: true,
      biome: false,
    });
    expect(tooling.go).toEqual({ module: 'example.com/x' });
    expect(tooling.python).toMatchObject({ ruff: true, black: false });
  });

  it('reports an empty directory as having no tooling', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-tooling-'));
    temp.push(dir);
    expect(await detectTooling({ dir })).toEqual({
      languages: [],
      node: null,
      rust: null,
      go: null,
      python: null,
      java: null,
    });
  });
});

describe('installDependencies', () => {
  it('does nothing for a repository without package.json', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-install-'));
    temp.push(dir);
    expect((await installDependencies({ dir, tooling: await detectTooling({ dir }) })).method).toBe('none');
  });

  it('installs with npm when there is no lockfile, and reuses an existing install', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-install-'));
    temp.push(dir);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0' }));
    const first = await installDependencies({ dir, tooling: await detectTooling({ dir }) });
    expect(first).toMatchObject({ method: 'installed', command: 'npm install --no-audit --no-fund' });
    await mkdir(join(dir, 'node_modules'), { recursive: true });
    expect((await installDependencies({ dir, tooling: await detectTooling({ dir }) })).method).toBe(
      'present',
    );
  });
});

describe('installDependencies into the shared cache', () => {
  const project = async (npmrc: string | null): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-install-npmrc-'));
    temp.push(dir);
    // No dependencies, so npm ci needs no registry; the engines field makes the repository's .npmrc observable.
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', engines: { node: '>=99' } }));
    await writeFile(
      join(dir, 'package-lock.json'),
      JSON.stringify({ name: 'p', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'p', version: '1.0.0', engines: { node: '>=99' } } } }),
    );
    if (npmrc !== null) await writeFile(join(dir, '.npmrc'), npmrc);
    return dir;
  };

  it("installs under the repository's own .npmrc, and keys the shared install by it", async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'suture-install-cache-'));
    temp.push(cacheDir);
    const plain = await project(null);
    expect((await installDependencies({ dir: plain, tooling: await detectTooling({ dir: plain }), cacheDir })).method).toBe('linked-cache');
    // Same lockfile, but the repository's npm config says engine-strict: its own `npm ci` refuses Node 20, and so
    // must ours (it used to install in a folder without the .npmrc, and reuse the install made without it).
    const strict = await project('engine-strict=true\n');
    await expect(installDependencies({ dir: strict, tooling: await detectTooling({ dir: strict }), cacheDir })).rejects.toThrow(/npm ci .* failed/);
  }, 120_000);
});

describe('runCommand', () => {
  it('captures output and exit code, and kills a command that runs past its time limit', async () => {
    const ok = await runCommand({
      cwd: tmpdir(),
      command: 'sh',
      args: ['-c', 'echo out; echo err >&2; exit 3'],
    });
    expect(ok).toMatchObject({ exitCode: 3, timedOut: false, stdout: 'out\n' });
    expect(ok.output).toContain('err');
    const slow = await runCommand({ cwd: tmpdir(), command: 'sleep', args: ['30'], timeoutMs: 200 });
    expect(slow).toMatchObject({ exitCode: null, timedOut: true });
  });

  it('reports a missing program as exit code 127', async () => {
    expect((await runCommand({ cwd: tmpdir(), command: 'suture-no-such-program' })).exitCode).toBe(127);
  });
});
