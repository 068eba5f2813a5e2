import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diffWorkspace } from '../workspace/diff-workspace.ts';
import { disposeWorkspace } from '../workspace/dispose-workspace.ts';
import { runCommand } from '../workspace/run-command.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { fixGoImports } from './fix-go-imports.ts';
import { makeFixContext } from './testing/make-fix-context.ts';

const open: Workspace[] = [];
const temp: string[] = [];
afterEach(async () => {
  for (const workspace of open.splice(0)) await disposeWorkspace({ workspace });
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('fixGoImports', () => {
  it('adds the missing standard-library import when goimports is not installed', async () => {
    const context = await makeFixContext({ id: 'go-missing-import' });
    open.push(context.workspace);
    const run = await fixGoImports({ context, goimports: null });
    expect(run.notes.join('\n')).toContain('imported strings');
    const { diff } = await diffWorkspace({ workspace: context.workspace });
    expect(diff).toContain('+\t"strings"');
    const build = await runCommand({ cwd: context.workspace.dir, command: 'go', args: ['build', './...'] });
    expect(build.exitCode).toBe(0);
  });

  it('hands the reported files to goimports when it is installed', async () => {
    const context = await makeFixContext({ id: 'go-missing-import' });
    open.push(context.workspace);
    const bin = await mkdtemp(join(tmpdir(), 'suture-goimports-'));
    temp.push(bin);
    // A stand-in that records its arguments, so the test does not depend on goimports being installed.
    const record = join(bin, 'args.txt');
    await writeFile(join(bin, 'goimports'), `#!/bin/sh\necho "$@" > ${record}\necho "toolchain=$GOTOOLCHAIN proxy=$GOPROXY" >> ${record}\n`);
    await chmod(join(bin, 'goimports'), 0o755);
    await fixGoImports({ context, goimports: join(bin, 'goimports') });
    // go.mod may name a toolchain to download and run, and modules to fetch with the host's network: neither.
    expect((await readFile(record, 'utf8')).trim()).toBe('-w report.go\ntoolchain=local proxy=off');
  });
});
