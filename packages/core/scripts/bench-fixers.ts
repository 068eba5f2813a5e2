// What running the offline fixers in the sandbox costs per attempt. Usage:
// npx tsx packages/core/scripts/bench-fixers.ts [runs] [rust-toolchain-dir]
// Each fixer on its repair fixture, on the host (no sandbox given: how the fixers ran before) and in the local
// sandbox (throwaway copy, copy-back of the changed files), interleaved so machine noise hits both alike. A fresh
// workspace per run; the timed part is the fixer alone (the run's validation is the same either way).
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { z } from 'zod';
import { createLocalSandbox } from '../src/execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../src/execution/resolve-sandbox-limits.ts';
import type { Sandbox } from '../src/execution/sandbox-types.ts';
import { fixFormatting } from '../src/patching/fix-format.ts';
import { fixLint } from '../src/patching/fix-lint.ts';
import { fixRustSuggestions } from '../src/patching/fix-rust-suggestions.ts';
import type { FixContext, FixerRun } from '../src/patching/fixer.ts';
import { makeFixContext } from '../src/patching/testing/make-fix-context.ts';
import { createSandboxedFixerRunner } from '../src/workspace/create-sandboxed-fixer-runner.ts';
import { createSandboxedRunner } from '../src/workspace/create-sandboxed-runner.ts';
import { diffWorkspace } from '../src/workspace/diff-workspace.ts';
import { disposeWorkspace } from '../src/workspace/dispose-workspace.ts';

const runs = z.coerce.number().int().min(1).max(50).parse(process.argv[2] ?? '5');
const rustToolchain = process.argv[3];
const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 300_000, processes: 512 } });
const base = { searchPath: '/usr/local/bin:/usr/bin:/bin', isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0 };
const sandbox = await createLocalSandbox({
  ...base,
  ...(rustToolchain ? { toolchainPaths: [rustToolchain] } : {}),
  extraPath: [...(rustToolchain ? [join(rustToolchain, 'bin')] : []), '/usr/local/go/bin'],
});

const cases: Array<{ id: string; fixer: (context: FixContext) => Promise<FixerRun> }> = [
  { id: 'eslint-errors', fixer: (context) => fixLint({ context }) },
  { id: 'prettier-drift', fixer: (context) => fixFormatting({ context }) },
  ...(rustToolchain ? [{ id: 'rust-clippy-lint', fixer: (context: FixContext) => fixRustSuggestions({ context }) }] : []),
];

const timeOnce = async (id: string, fixer: (context: FixContext) => Promise<FixerRun>, using: Sandbox | null): Promise<{ ms: number; files: string }> => {
  const context = await makeFixContext({ id });
  try {
    const wired = using
      ? { ...context, run: createSandboxedRunner({ sandbox: using, workspaceDir: context.workspace.dir, limits }), runFixer: createSandboxedFixerRunner({ sandbox: using, workspaceDir: context.workspace.dir, limits }) }
      : context;
    const started = performance.now();
    await fixer(wired);
    const ms = performance.now() - started;
    return { ms, files: (await diffWorkspace({ workspace: context.workspace })).files.join(',') };
  } finally {
    await disposeWorkspace({ workspace: context.workspace });
  }
};

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${loadavg().map((value) => value.toFixed(1)).join(' ')}; ${runs} runs each`);
for (const { id, fixer } of cases) {
  const host: number[] = [];
  const boxed: number[] = [];
  const outcomes = new Set<string>();
  // One warm-up of each, not counted (first-run page cache and compilation).
  await timeOnce(id, fixer, null);
  await timeOnce(id, fixer, sandbox);
  for (let run = 0; run < runs; run += 1) {
    const a = await timeOnce(id, fixer, null);
    const b = await timeOnce(id, fixer, sandbox);
    host.push(a.ms);
    boxed.push(b.ms);
    outcomes.add(`host=${a.files} sandbox=${b.files}`);
  }
  console.log(`${id.padEnd(18)} host median ${median(host).toFixed(0)} ms, sandbox median ${median(boxed).toFixed(0)} ms, extra ${(median(boxed) - median(host)).toFixed(0)} ms; changed files: ${[...outcomes].join(' | ')}`);
}
