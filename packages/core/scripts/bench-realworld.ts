// Real-world repair bench: public commits that broke CI, recreated from a local folder of bare mirrors
// (SUTURE_REALWORLD_DIR); per case it runs the failing command for the real log, `suture fix` as a user runs it,
// and the command and the tests on the patched tree. Usage: npm run bench:realworld -- [--only id,id] [--dir <folder>]
// [--json] [--keep] [--timeout-min 15]. Only the manifests in realworld/cases are committed, never code or logs.
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadRealworldCases } from './realworld/load-realworld-cases.ts';
import { describeMissingMirrors, locateMirrors } from './realworld/locate-mirrors.ts';
import type { RealworldRow } from './realworld/run-realworld-case.ts';
import { runRealworldCase } from './realworld/run-realworld-case.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const realworldCasesDir = join(here, 'realworld', 'cases');
const cliPath = join(here, '..', 'bin', 'suture.mjs');

const yesNo = (value: boolean | null): string => (value === null ? '-' : value ? 'yes' : 'no');

const printTable = (rows: readonly RealworldRow[], print: (line: string) => void): void => {
  print(
    `${'case'.padEnd(34)} ${'category'.padEnd(12)} ${'expect'.padEnd(9)} ${'status'.padEnd(14)} ${'human'.padEnd(5)} ${'outcome'.padEnd(7)} ${'fix s'.padStart(6)} ${'case s'.padStart(6)} ${'effect'.padEnd(6)} ${'same'.padEnd(6)} ok  fixer / note`,
  );
  for (const row of rows) {
    const same = row.identical ? `${String(row.identical.same)}/${String(row.identical.changed)}` : '-';
    print(
      `${row.id.padEnd(34)} ${row.category.padEnd(12)} ${row.expected.padEnd(9)} ${row.status.padEnd(14)} ${yesNo(row.humanFixPasses).padEnd(5)} ${(row.outcome ?? '-').padEnd(7)} ${(row.fixSeconds === null ? '-' : row.fixSeconds.toFixed(1)).padStart(6)} ${row.seconds.toFixed(1).padStart(6)} ${yesNo(row.humanEffect).padEnd(6)} ${same.padEnd(6)} ${row.asExpected ? 'yes' : 'NO '} ${row.fixer}: ${row.note.replace(/\s+/g, ' ').slice(0, 160)}`,
    );
  }
  const count = (predicate: (row: RealworldRow) => boolean): number => rows.filter(predicate).length;
  const expectedFixed = rows.filter((row) => row.expected === 'fixed');
  print(
    `totals: ${String(rows.length)} cases; ${String(count((row) => row.status === 'ran'))} ran, ${String(count((row) => row.status === 'not_reproduced'))} not reproduced, ${String(count((row) => row.status === 'setup_failed' || row.status === 'error' || row.status === 'timeout'))} errors/timeouts; ` +
      `${String(count((row) => row.outcome === 'fixed' && row.humanEffect === true))}/${String(expectedFixed.length)} expected fixes fixed with the human fix's effect; ` +
      `${String(count((row) => row.expected === 'not_fixed' && row.outcome === 'fixed'))} controls wrongly claimed fixed; ` +
      `${String(count((row) => row.identical !== null && row.identical.same === row.identical.changed))} patches byte-identical to the human fix's files; ` +
      `${rows.reduce((sum, row) => sum + row.seconds, 0).toFixed(0)} s total`,
  );
  print(`${String(count((row) => row.asExpected))} passed, ${String(count((row) => !row.asExpected))} failed`);
};

const Env = z.object({ SUTURE_REALWORLD_DIR: z.string().min(1).optional() });

/** The bench's whole run; returns the exit code (2: the mirrors folder is missing or incomplete). */
export const runRealworldBench = async (options: {
  argv: readonly string[];
  env: Record<string, string | undefined>;
  print: (line: string) => void;
  casesDir?: string;
}): Promise<number> => {
  const { values } = parseArgs({
    args: [...options.argv],
    options: { only: { type: 'string' }, dir: { type: 'string' }, json: { type: 'boolean' }, keep: { type: 'boolean' }, 'timeout-min': { type: 'string' } },
  });
  const env = Env.parse(Object.fromEntries(Object.entries(options.env).filter(([, value]) => value !== '')));
  const only = values.only?.split(',').filter((id) => id.length > 0);
  const cases = await loadRealworldCases({ casesDir: options.casesDir ?? realworldCasesDir, ...(only ? { only } : {}) });
  const dir = values.dir ?? env.SUTURE_REALWORLD_DIR;
  const repos = cases.map((entry) => entry.repo);
  if (dir === undefined) {
    options.print(describeMissingMirrors({ dir: undefined, repos }));
    return 2;
  }
  const lookup = await locateMirrors({ dir: resolve(dir), cases });
  if (lookup.missing.length > 0 || lookup.stale.length > 0) {
    options.print(describeMissingMirrors({ dir: resolve(dir), lookup, repos }));
    return 2;
  }
  const timeoutMs = z.coerce.number().positive().parse(values['timeout-min'] ?? '15') * 60_000;
  if (!values.json)
    options.print(`machine: ${String(cpus().length)} cores x ${cpus()[0]?.model ?? 'cpu'}, ${String(Math.round(totalmem() / 2 ** 30))} GiB, node ${process.version}; ${String(cases.length)} cases, ${String(timeoutMs / 60_000)} min bound each`);
  const rows: RealworldRow[] = [];
  for (const entry of cases) {
    const gitDir = lookup.found.get(entry.repo) as string;
    const row = await runRealworldCase({ entry, gitDir, cliPath, timeoutMs, ...(values.keep ? { keep: true } : {}) });
    rows.push(row);
    if (!values.json) options.print(`  ${row.id}: ${row.status}, outcome ${row.outcome ?? '-'}, effect ${yesNo(row.humanEffect)}, ${row.seconds.toFixed(0)} s`);
  }
  if (values.json) options.print(JSON.stringify({ machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? null }, rows }));
  else printTable(rows, options.print);
  return rows.every((row) => row.asExpected) ? 0 : 1;
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  process.exitCode = await runRealworldBench({ argv: process.argv.slice(2), env: process.env, print: (line) => console.log(line) }).catch(
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      return 2;
    },
  );
}
