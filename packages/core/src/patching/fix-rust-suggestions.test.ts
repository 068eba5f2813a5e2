import { afterEach, describe, expect, it } from 'vitest';
import { diffWorkspace } from '../workspace/diff-workspace.ts';
import { disposeWorkspace } from '../workspace/dispose-workspace.ts';
import { runCommand } from '../workspace/run-command.ts';
import type { Workspace } from '../workspace/workspace.ts';
import { fixRustSuggestions } from './fix-rust-suggestions.ts';
import { makeFixContext } from './testing/make-fix-context.ts';

const open: Workspace[] = [];
afterEach(async () => {
  for (const workspace of open.splice(0)) await disposeWorkspace({ workspace });
});

const fixCase = async (
  id: string,
  env: Record<string, string> = {},
): Promise<{ diff: string; dir: string }> => {
  const context = await makeFixContext({ id });
  open.push(context.workspace);
  await fixRustSuggestions({ context, env });
  return { diff: (await diffWorkspace({ workspace: context.workspace })).diff, dir: context.workspace.dir };
};

describe('fixRustSuggestions (rustc/clippy MachineApplicable suggestions)', () => {
  it('removes an unused import that -D warnings turned into an error', async () => {
    const { diff, dir } = await fixCase('rust-unused-import', { RUSTFLAGS: '-D warnings' });
    expect(diff).toContain('-use std::collections::HashMap;');
    expect(diff).not.toContain('allow');
    const build = await runCommand({
      cwd: dir,
      command: 'cargo',
      args: ['build', '--all-targets', '--quiet'],
      env: { RUSTFLAGS: '-D warnings' },
    });
    expect(build.exitCode).toBe(0);
  });

  it('applies a suggestion reported by both the library and its test build once, over as many rounds as it takes', async () => {
    // `cargo check --all-targets` compiles src/lib.rs twice (lib and lib test harness) and both report the same
    // zero-width insertion of `<'_>`; applied twice it gave `Label<'_><'_>`, which does not parse.
    const { diff, dir } = await fixCase('rust-lifetime-lib-and-test', { RUSTFLAGS: '-D warnings' });
    expect(diff).toContain("+pub fn label(name: &str) -> Label<'_> {");
    expect(diff).not.toContain("<'_><'_>");
    // `((label.width()))`: rustc only offers the inner pair's removal once the outer pair is gone (round 2).
    expect(diff).toMatch(/^\+ {4}let width = label\.width\(\) *;$/m);
    expect(diff.split('\n').filter((line) => line.startsWith('+') && !line.startsWith('+++'))).toHaveLength(2);
    const build = await runCommand({
      cwd: dir,
      command: 'cargo',
      args: ['build', '--all-targets', '--quiet'],
      env: { RUSTFLAGS: '-D warnings' },
    });
    expect(build.exitCode).toBe(0);
  });

  it('adds the missing mut', async () => {
    const { diff } = await fixCase('rust-missing-mut');
    expect(diff).toContain('+    let mut totals = BTreeMap::new();');
  });

  it("applies clippy's machine-applicable lint fixes", async () => {
    const { diff, dir } = await fixCase('rust-clippy-lint');
    expect(diff).toContain('+    if tags.is_empty() {');
    expect(diff).toContain('+    out');
    const clippy = await runCommand({
      cwd: dir,
      command: 'cargo',
      args: ['clippy', '--all-targets', '--quiet', '--', '-D', 'warnings'],
    });
    expect(clippy.exitCode).toBe(0);
  });
});
