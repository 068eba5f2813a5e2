import { afterEach, describe, expect, it } from 'vitest';
import { diffWorkspace } from '../workspace/diff-workspace.ts';
import { disposeWorkspace } from '../workspace/dispose-workspace.ts';
import { runCommand } from '../workspace/run-command.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { fixLint } from './fix-lint.ts';
import { makeFixContext } from './testing/make-fix-context.ts';

const open: Workspace[] = [];
afterEach(async () => {
  for (const workspace of open.splice(0)) await disposeWorkspace({ workspace });
});

describe('fixLint (eslint --fix limited to reported files and rules)', () => {
  it('fixes the reported ESLint errors and keeps the file Prettier-clean', async () => {
    const context = await makeFixContext({ id: 'eslint-errors' });
    open.push(context.workspace);
    expect(context.files).toEqual(['src/discount.js']);
    await fixLint({ context });
    const { diff, files } = await diffWorkspace({ workspace: context.workspace });
    expect(files).toEqual(['src/discount.js']);
    expect(diff).toContain('+  const total = subtotal(lines);');
    expect(diff).toContain('+  if (rate === 0) {');
    const lint = await runCommand({ cwd: context.workspace.dir, command: 'npm', args: ['run', 'lint'] });
    expect(lint.exitCode).toBe(0);
    const format = await runCommand({
      cwd: context.workspace.dir,
      command: 'npm',
      args: ['run', 'format:check'],
    });
    expect(format.exitCode).toBe(0);
  });

  it('leaves rules the log did not report alone', async () => {
    const context = await makeFixContext({ id: 'eslint-errors' });
    open.push(context.workspace);
    await fixLint({ context: { ...context, diagnosis: { ...context.diagnosis, errorCodes: ['no-var'] } } });
    const { diff } = await diffWorkspace({ workspace: context.workspace });
    // no-var alone turns var into let; making it const is prefer-const's job, which was not reported.
    expect(diff).toContain('+  let total = subtotal(lines);');
    expect(diff).toContain('   let rate =');
    expect(diff).not.toContain('+  const rate =');
    expect(diff).toContain('   if (rate === 0) return { total: total, saved: 0 };');
  });

  it('applies the single suggestion of errors --fix cannot fix (no-prototype-builtins) next to the autofix', async () => {
    const context = await makeFixContext({ id: 'eslint-suggestions' });
    open.push(context.workspace);
    const run = await fixLint({ context });
    const { diff, files } = await diffWorkspace({ workspace: context.workspace });
    expect(files).toEqual(['src/options.js']);
    expect(diff).toContain('+  const merged = { ...defaults };');
    expect(diff).toContain('+    if (Object.prototype.hasOwnProperty.call(defaults, key)) {');
    expect(diff).toContain('+  return Object.prototype.hasOwnProperty.call(options, key);');
    expect(run.notes.join('\n')).toContain('2 single suggestion(s) applied');
    const lint = await runCommand({ cwd: context.workspace.dir, command: 'npm', args: ['run', 'lint'] });
    expect(lint.exitCode).toBe(0);
  });

  it('lints a file from its own config directory, not from a root config that ignores it (the "rewrote nothing" report)', async () => {
    const context = await makeFixContext({ id: 'eslint-subproject' });
    open.push(context.workspace);
    expect(context.files).toEqual(['web/src/badge.js']);
    await fixLint({ context });
    const { diff, files } = await diffWorkspace({ workspace: context.workspace });
    expect(files).toEqual(['web/src/badge.js']);
    expect(diff).toContain('+  const count = lines.reduce(');
    expect(diff).toContain('+  if (count === 0) {');
    const lint = await runCommand({ cwd: `${context.workspace.dir}/web`, command: 'npx', args: ['--no-install', 'eslint', '.'] });
    expect(lint.exitCode).toBe(0);
  });

  it('lints a legacy .eslintrc project the legacy way (ESLint 9 with ESLINT_USE_FLAT_CONFIG=false in CI)', async () => {
    const context = await makeFixContext({ id: 'eslint-legacy-config' });
    open.push(context.workspace);
    const run = await fixLint({ context });
    expect(run.notes.join('\n')).not.toContain('could not run');
    const { diff, files } = await diffWorkspace({ workspace: context.workspace });
    expect(files).toEqual(['src/warnings.js']);
    expect(diff).toContain('+  const low = skus.filter(');
    expect(diff).toContain('+  if (low.length === 0) {');
  });
});
