// Sandbox overhead per run: the same command bare (own process group, same env) and inside the local bubblewrap
// sandbox, interleaved so machine noise hits both alike. Usage: npx tsx packages/core/scripts/bench-sandbox.ts [runs]
import { cpus, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { buildSandboxEnv } from '../src/execution/build-sandbox-env.ts';
import { copyWorkspace } from '../src/execution/copy-workspace.ts';
import { createLocalSandbox } from '../src/execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../src/execution/resolve-sandbox-limits.ts';
import { runProcessGroup } from '../src/execution/run-process-group.ts';

const env = z.object({ PATH: z.string().default('/usr/local/bin:/usr/bin:/bin') }).parse(process.env);
const runs = z.coerce.number().int().min(3).max(200).parse(process.argv[2] ?? '20');
const fixture = fileURLToPath(new URL('../test/fixtures/execution/deterministic-failure', import.meta.url));
const limits = resolveSandboxLimits();
const sandbox = await createLocalSandbox({ searchPath: env.PATH, isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0 });

const commands = [
  { label: 'true (pure startup cost)', command: 'true' },
  { label: 'node -e 0', command: 'node -e 0' },
  { label: 'node --test fixture (2 tests)', command: 'node --test --test-reporter=tap' },
];

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
};
const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${runs} runs per variant, bare and sandboxed interleaved`);
console.log('sandboxed = workspace copy + bwrap namespaces + rlimits + uid drop + cleanup (what every run pays)');
for (const { label, command } of commands) {
  const bare: number[] = [];
  const boxed: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    // Bare gets a fresh copy too, so the difference is the sandbox itself and not the test's own file I/O.
    const dir = await mkdtemp(join(tmpdir(), 'suture-bench-'));
    await copyWorkspace({ sourceDir: fixture, targetDir: join(dir, 'w') });
    const startedBare = performance.now();
    await runProcessGroup({ argv: ['/bin/sh', '-c', command], cwd: join(dir, 'w'), env: buildSandboxEnv(), wallTimeMs: 60_000, outputBytes: 1 << 20 });
    bare.push(performance.now() - startedBare);
    await rm(dir, { recursive: true, force: true });
    const startedBoxed = performance.now();
    await sandbox.run({ workspaceDir: fixture, command, limits });
    boxed.push(performance.now() - startedBoxed);
  }
  const overhead = boxed.map((value, index) => value - (bare[index] ?? 0));
  console.log(
    `${label.padEnd(32)} bare median ${fmt(quantile(bare, 0.5))} | sandboxed median ${fmt(quantile(boxed, 0.5))} | overhead median ${fmt(quantile(overhead, 0.5))}, p95 ${fmt(quantile(overhead, 0.95))}`,
  );
}
