// Repair bench: regenerates the fixture repositories when missing, runs the fix pipeline offline on each,
// prints outcome, attempts, time and risk per case and the totals. Usage: tsx packages/core/scripts/bench-repair.ts [--only id,id] [--json]
// [--sandbox [--toolchain <dir>]...]: --sandbox runs validation and the fixers in a real local sandbox, as the worker
// and `suture fix` do; --toolchain binds a toolchain root (e.g. a Rust sysroot the sandbox uid can reach).
import { readFile, stat } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { createLocalSandbox } from '../src/execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../src/execution/resolve-sandbox-limits.ts';
import type { Sandbox, SandboxLimits } from '../src/execution/sandbox-types.ts';
import { fixFailure } from '../src/patching/fix-failure.ts';
import type { FixReport } from '../src/patching/fix-report.ts';
import {
  defaultCacheDir,
  defaultFixtureDir,
  listRepairCases,
  makeRepairFixtures,
  RepairCase,
  repairSpecDir,
} from './make-repair-fixtures.ts';

export type BenchRow = {
  id: string;
  expect: RepairCase['expect'];
  outcome: FixReport['outcome'];
  attempts: number;
  seconds: number;
  risk: number;
  pass: boolean;
  fixer: string;
};

const exists = async (path: string): Promise<boolean> =>
  stat(path).then(
    () => true,
    () => false,
  );

/** A case passes when an expected fix is `fixed`, and when a not-fixable case is anything but `fixed`. */
export const runRepairBench = async (
  options: { only?: string[]; outDir?: string; sandbox?: { sandbox: Sandbox; limits: SandboxLimits } } = {},
): Promise<BenchRow[]> => {
  const outDir = options.outDir ?? defaultFixtureDir;
  const ids = options.only ?? (await listRepairCases());
  const missing: string[] = [];
  for (const id of ids)
    if (!(await exists(join(outDir, `${id}.log`))) || !(await exists(join(outDir, id, '.git'))))
      missing.push(id);
  if (missing.length > 0) await makeRepairFixtures({ outDir, only: missing });
  const rows: BenchRow[] = [];
  for (const id of ids) {
    const spec = RepairCase.parse(
      JSON.parse(await readFile(join(repairSpecDir, 'cases', id, 'case.json'), 'utf8')),
    );
    const log = await readFile(join(outDir, `${id}.log`), 'utf8');
    const started = Date.now();
    const report = await fixFailure({
      repoDir: join(outDir, id),
      log,
      cacheDir: join(defaultCacheDir, 'node-modules'),
      toolsDir: join(defaultCacheDir, '..', 'tools', 'bin'),
      ...(options.sandbox ? { validationSandbox: options.sandbox } : {}),
    });
    const seconds = (Date.now() - started) / 1000;
    const pass = spec.expect === 'fixed' ? report.outcome === 'fixed' : report.outcome !== 'fixed';
    const fixer =
      report.attempts.find((attempt) => attempt.kept)?.fixer ??
      report.attempts.map((attempt) => attempt.fixer).join(',');
    rows.push({
      id,
      expect: spec.expect,
      outcome: report.outcome,
      attempts: report.attempts.length,
      seconds,
      risk: report.risk.score,
      pass,
      fixer: fixer || '-',
    });
  }
  return rows;
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const onlyIndex = args.indexOf('--only');
  const only = onlyIndex >= 0 ? args[onlyIndex + 1]?.split(',') : undefined;
  const toolchains = args.flatMap((arg, index) => (args[index - 1] === '--toolchain' ? [arg] : []));
  const sandbox = args.includes('--sandbox')
    ? {
        sandbox: await createLocalSandbox({
          searchPath: '/usr/local/bin:/usr/bin:/bin',
          isRoot: process.getuid?.() === 0,
          currentUid: process.getuid?.() ?? 0,
          toolchainPaths: toolchains,
          extraPath: [...toolchains.map((dir) => join(dir, 'bin')), '/usr/local/go/bin'],
        }),
        limits: resolveSandboxLimits({ overrides: { wallTimeMs: 300_000, processes: 512 } }),
      }
    : undefined;
  const rows = await runRepairBench({ ...(only ? { only } : {}), ...(sandbox ? { sandbox } : {}) });
  if (args.includes('--json')) {
    console.log(JSON.stringify(rows));
  } else {
    console.log(
      `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}`,
    );
    console.log(
      `${'case'.padEnd(22)} ${'expect'.padEnd(9)} ${'outcome'.padEnd(8)} ${'att'.padStart(3)} ${'secs'.padStart(6)} ${'risk'.padStart(4)}  ${'fixer'.padEnd(18)} ok`,
    );
    for (const row of rows) {
      console.log(
        `${row.id.padEnd(22)} ${row.expect.padEnd(9)} ${row.outcome.padEnd(8)} ${String(row.attempts).padStart(3)} ${row.seconds.toFixed(1).padStart(6)} ${String(row.risk).padStart(4)}  ${row.fixer.padEnd(18)} ${row.pass ? 'yes' : 'NO'}`,
      );
    }
    const fixed = rows.filter((row) => row.outcome === 'fixed').length;
    const passed = rows.filter((row) => row.pass).length;
    const total = rows.reduce((sum, row) => sum + row.seconds, 0);
    console.log(
      `totals: ${rows.length} cases, ${fixed} fixed, ${rows.filter((row) => row.outcome === 'refused').length} refused, ${rows.filter((row) => row.outcome === 'failed').length} failed; ${passed}/${rows.length} as expected; ${total.toFixed(1)} s total, ${(total / Math.max(1, rows.length)).toFixed(1)} s mean`,
    );
    console.log(`${passed} passed, ${rows.length - passed} failed`);
  }
}
