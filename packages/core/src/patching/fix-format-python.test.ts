import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diagnoseLog } from '../diagnosis/diagnose-log.ts';
import { createWorkspace } from '../workspace/create-workspace.ts';
import { detectTooling } from '../workspace/detect-tooling.ts';
import { disposeWorkspace } from '../workspace/dispose-workspace.ts';
import { runCommand } from '../workspace/run-command.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { fixFormatting } from './fix-format.ts';

const open: Workspace[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const workspace of open.splice(0)) await disposeWorkspace({ workspace });
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const git = async (cwd: string, ...args: string[]): Promise<void> => {
  await runCommand({ cwd, command: 'git', args: ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args] });
};

describe('fixFormatting (Python)', () => {
  // The repository's .venv is never copied into the workspace, so black must also be found among Suture's tools.
  it("finds black in the tools directory when the repository's .venv is not in the workspace", async () => {
    const root = await mkdtemp(join(tmpdir(), 'suture-black-'));
    dirs.push(root);
    const repo = join(root, 'repo');
    const tools = join(root, 'tools');
    await mkdir(repo);
    await mkdir(tools);
    await writeFile(join(repo, 'pyproject.toml'), '[tool.black]\nline-length = 88\n');
    await writeFile(join(repo, 'app.py'), "x = 'a'\n");
    await git(repo, 'init', '-q');
    await git(repo, 'add', '.');
    await git(repo, 'commit', '-qm', 'init');
    // A stand-in for black: rewrites single quotes to double quotes in the files it is given.
    await writeFile(join(tools, 'black'), `#!/bin/sh\nfor f in "$@"; do case "$f" in -*) ;; *) sed -i "s/'/\\"/g" "$f";; esac; done\n`);
    await chmod(join(tools, 'black'), 0o755);
    const log = [
      '##[group]Run black --check .',
      'black --check .',
      '##[endgroup]',
      'would reformat app.py',
      'Oh no! 1 file would be reformatted.',
      '##[error]Process completed with exit code 1.',
    ].join('\n');
    const workspace = await createWorkspace({ sourceDir: repo });
    open.push(workspace);
    const tooling = await detectTooling({ dir: workspace.dir });
    const run = await fixFormatting({
      context: { workspace, tooling, diagnosis: diagnoseLog({ text: log }), log, files: ['app.py'], timeoutMs: 30_000, toolsDir: tools },
    });
    expect(run.changed).toBe(true);
    expect(await readFile(join(workspace.dir, 'app.py'), 'utf8')).toBe('x = "a"\n');
  });
});
