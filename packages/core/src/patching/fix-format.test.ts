import { afterEach, describe, expect, it } from 'vitest';
import { diffWorkspace } from '../workspace/diff-workspace.ts';
import { disposeWorkspace } from '../workspace/dispose-workspace.ts';
import { runCommand } from '../workspace/run-command.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { fixFormatting } from './fix-format.ts';
import { makeFixContext } from './testing/make-fix-context.ts';

const open: Workspace[] = [];
afterEach(async () => {
  for (const workspace of open.splice(0)) await disposeWorkspace({ workspace });
});

describe("fixFormatting (the repository's own formatter)", () => {
  it('runs Prettier on the files the check reported, and the check then passes', async () => {
    const context = await makeFixContext({ id: 'prettier-drift' });
    open.push(context.workspace);
    const run = await fixFormatting({ context });
    expect(run.changed).toBe(true);
    const { files } = await diffWorkspace({ workspace: context.workspace });
    expect(files.sort()).toEqual(['src/csv.js', 'src/jsonl.js']);
    const check = await runCommand({
      cwd: context.workspace.dir,
      command: 'npm',
      args: ['run', 'format:check'],
    });
    expect(check.exitCode).toBe(0);
  });

  it('runs rustfmt on the reported file', async () => {
    const context = await makeFixContext({ id: 'rustfmt-drift' });
    open.push(context.workspace);
    await fixFormatting({ context });
    const { diff, files } = await diffWorkspace({ workspace: context.workspace });
    expect(files).toEqual(['src/lib.rs']);
    expect(diff).toContain('+    if k < 0.0 {');
    const check = await runCommand({
      cwd: context.workspace.dir,
      command: 'cargo',
      args: ['fmt', '--all', '--', '--check'],
    });
    expect(check.exitCode).toBe(0);
  });

  it('runs gofmt when CI only listed unformatted files', async () => {
    const context = await makeFixContext({ id: 'gofmt-drift' });
    open.push(context.workspace);
    await fixFormatting({ context });
    const { files } = await diffWorkspace({ workspace: context.workspace });
    expect(files).toEqual(['jitter.go']);
    const check = await runCommand({ cwd: context.workspace.dir, command: 'gofmt', args: ['-l', '.'] });
    expect(check.stdout.trim()).toBe('');
  });
});
