// Generates the repair bench: one small repository per case under test/fixtures/repair/cases, each with a
// good commit and a breaking commit, plus the CI log captured by really running the failing step.
// Usage: tsx packages/core/scripts/make-repair-fixtures.ts [--out dir] [--only id,id]
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { detectTooling } from '../src/workspace/detect-tooling.ts';
import { installDependencies } from '../src/workspace/install-dependencies.ts';
import { runCommand } from '../src/workspace/run-command.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const repairSpecDir = resolve(here, '../test/fixtures/repair');
export const defaultFixtureDir = resolve(here, '../../../.data/fixtures/repair');
export const defaultCacheDir = resolve(here, '../../../.data/cache');

export const RepairCase = z.object({
  kind: z.enum(['node', 'rust', 'go']),
  description: z.string(),
  baseMessage: z.string(),
  breakMessage: z.string(),
  remove: z.array(z.string()),
  env: z.record(z.string(), z.string()).optional(),
  skipFormatOnBreak: z.boolean().optional(),
  /** The breaking commit fails only sometimes: its step is rerun until it fails, since the log must show the failure. */
  flaky: z.boolean().optional(),
  step: z.object({ name: z.string(), run: z.string() }),
  expect: z.enum(['fixed', 'not-fixed']),
});
export type RepairCase = z.infer<typeof RepairCase>;
export type GeneratedCase = { id: string; spec: RepairCase; repoDir: string; logFile: string };

const quiet = { NO_COLOR: '1', FORCE_COLOR: '0', CARGO_TERM_COLOR: 'never', CI: 'true' };

const copySpecTree = async (from: string, to: string, name: string): Promise<void> => {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      await copySpecTree(source, join(to, entry.name), name);
      continue;
    }
    // Spec files carry a .txt suffix so the monorepo's own linters and type-checker leave them alone.
    const target = join(to, entry.name.replace(/\.txt$/, ''));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, (await readFile(source, 'utf8')).replaceAll('NAME', name));
  }
};

const must = async (
  cwd: string,
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<string> => {
  const result = await runCommand({ cwd, command, args, env: { ...quiet, ...env }, timeoutMs: 300_000 });
  if (result.exitCode !== 0)
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.output}`);
  return result.output;
};

const gitEnv = (when: string): Record<string, string> => ({
  GIT_AUTHOR_NAME: 'Dana Developer',
  GIT_AUTHOR_EMAIL: 'dana@example.com',
  GIT_AUTHOR_DATE: when,
  GIT_COMMITTER_NAME: 'Dana Developer',
  GIT_COMMITTER_EMAIL: 'dana@example.com',
  GIT_COMMITTER_DATE: when,
});

/** One npm lockfile for every node fixture, resolved once and reused (only the package name differs). */
const nodeLockfile = async (cacheDir: string): Promise<Record<string, unknown>> => {
  const template = (
    await readFile(join(repairSpecDir, 'templates/node/package.json.txt'), 'utf8')
  ).replaceAll('NAME', 'fixture');
  const dir = join(cacheDir, 'repair-lock', createHash('sha256').update(template).digest('hex').slice(0, 16));
  const lockPath = join(dir, 'package-lock.json');
  if (!(await stat(lockPath).catch(() => null))) {
    // Resolved beside the final name and renamed, so parallel generators never read a half-written lock.
    const staging = `${dir}.tmp-${randomUUID()}`;
    await mkdir(staging, { recursive: true });
    await writeFile(join(staging, 'package.json'), template);
    await must(staging, 'npm', ['install', '--package-lock-only', '--no-audit', '--no-fund']);
    await rename(staging, dir).catch(async () => rm(staging, { recursive: true, force: true }));
  }
  return z.record(z.string(), z.unknown()).parse(JSON.parse(await readFile(lockPath, 'utf8')));
};

const workflowFor = (id: string, spec: RepairCase): string => {
  const setup = {
    node: [
      '      - uses: actions/setup-node@v4',
      '        with:',
      '          node-version: 20',
      '          cache: npm',
      '      - run: npm ci',
    ],
    rust: [
      '      - uses: dtolnay/rust-toolchain@stable',
      '        with:',
      '          components: clippy, rustfmt',
    ],
    go: ['      - uses: actions/setup-go@v5', '        with:', "          go-version: '1.22'"],
  }[spec.kind];
  const env = spec.env
    ? ['        env:', ...Object.entries(spec.env).map(([key, value]) => `          ${key}: ${value}`)]
    : [];
  return [
    `name: ${id} CI`,
    'on: [push, pull_request]',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    ...setup,
    `      - name: ${spec.step.name}`,
    ...env,
    `        run: ${spec.step.run}`,
    '',
  ].join('\n');
};

const formatTree = async (repoDir: string, kind: RepairCase['kind']): Promise<void> => {
  if (kind === 'node')
    await must(repoDir, 'npx', ['--no-install', 'prettier', '--write', '--log-level', 'warn', '.']);
  if (kind === 'rust') await must(repoDir, 'cargo', ['fmt', '--all']);
  if (kind === 'go') await must(repoDir, 'gofmt', ['-w', '.']);
};

const stamp = (base: number, offsetMs: number): string =>
  new Date(base + offsetMs).toISOString().replace('Z', '0000Z');

const actionsLog = (id: string, spec: RepairCase, output: string, exitCode: number): string => {
  const base = Date.UTC(2026, 10, 20, 9, 14, 2);
  const setupLines = {
    node: [
      '##[group]Run actions/setup-node@v4',
      'with:',
      '  node-version: 20',
      '  cache: npm',
      '##[endgroup]',
      'Found in cache @ /opt/hostedtoolcache/node/20.19.5/x64',
      '##[group]Run npm ci',
      'npm ci',
      'shell: /usr/bin/bash -e {0}',
      '##[endgroup]',
      'added 98 packages, and audited 99 packages in 4s',
    ],
    rust: [
      '##[group]Run dtolnay/rust-toolchain@stable',
      'with:',
      '  components: clippy, rustfmt',
      '##[endgroup]',
      'info: default toolchain set to stable-x86_64-unknown-linux-gnu',
    ],
    go: [
      '##[group]Run actions/setup-go@v5',
      'with:',
      "  go-version: '1.22'",
      '##[endgroup]',
      'Setup go version spec 1.22',
      'Found in cache @ /opt/hostedtoolcache/go/1.22.12/x64',
    ],
  }[spec.kind];
  const env = spec.env
    ? ['env:', ...Object.entries(spec.env).map(([key, value]) => `  ${key}: ${value}`)]
    : [];
  const lines = [
    "Current runner version: '2.329.0'",
    '##[group]Runner Image',
    'Image: ubuntu-24.04',
    'Version: 20261116.1.0',
    '##[endgroup]',
    '##[group]Run actions/checkout@v4',
    'with:',
    `  repository: acme/${id}`,
    '##[endgroup]',
    `Syncing repository: acme/${id}`,
    'HEAD is now at 3f9c2e1 ' + spec.breakMessage,
    ...setupLines,
    `##[group]Run ${spec.step.run}`,
    spec.step.run,
    'shell: /usr/bin/bash -e {0}',
    ...env,
    '##[endgroup]',
    ...output.replace(/\n$/, '').split('\n'),
    `##[error]Process completed with exit code ${exitCode}.`,
    'Post job cleanup.',
    'Cleaning up orphan processes',
  ];
  return `${lines.map((line, index) => `${stamp(base, index * 137)} ${line}`).join('\n')}\n`;
};

/** Builds one case's repository and log; returns where they are. */
const makeCase = async (options: {
  id: string;
  outDir: string;
  cacheDir: string;
}): Promise<GeneratedCase> => {
  const { id, outDir, cacheDir } = options;
  const caseDir = join(repairSpecDir, 'cases', id);
  const spec = RepairCase.parse(JSON.parse(await readFile(join(caseDir, 'case.json'), 'utf8')));
  const repoDir = join(outDir, id);
  await rm(repoDir, { recursive: true, force: true });
  await mkdir(repoDir, { recursive: true });
  await copySpecTree(join(repairSpecDir, 'templates', spec.kind), repoDir, id);
  await copySpecTree(join(caseDir, 'base'), repoDir, id);
  if (spec.kind === 'node' && !(await stat(join(repoDir, 'tsconfig.json')).catch(() => null))) {
    // Plain JavaScript repositories have nothing to type-check.
    const manifest = z
      .object({ scripts: z.record(z.string(), z.string()) })
      .passthrough()
      .parse(JSON.parse(await readFile(join(repoDir, 'package.json'), 'utf8')));
    delete manifest.scripts.typecheck;
    await writeFile(join(repoDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  }
  await mkdir(join(repoDir, '.github/workflows'), { recursive: true });
  await writeFile(join(repoDir, '.github/workflows/ci.yml'), workflowFor(id, spec));
  if (spec.kind === 'node') {
    const lock = await nodeLockfile(cacheDir);
    const packages = z.record(z.string(), z.record(z.string(), z.unknown())).parse(lock.packages);
    const named = { ...lock, name: id, packages: { ...packages, '': { ...packages[''], name: id } } };
    await writeFile(join(repoDir, 'package-lock.json'), `${JSON.stringify(named, null, 2)}\n`);
    await installDependencies({
      dir: repoDir,
      tooling: await detectTooling({ dir: repoDir }),
      cacheDir: join(cacheDir, 'node-modules'),
    });
  }
  if (spec.kind === 'rust') await must(repoDir, 'cargo', ['generate-lockfile', '--offline']);
  await formatTree(repoDir, spec.kind);

  const runStep = async (): Promise<{ exitCode: number | null; output: string }> =>
    runCommand({
      cwd: repoDir,
      command: 'bash',
      args: ['-c', spec.step.run],
      env: { ...quiet, ...spec.env },
      timeoutMs: 300_000,
    });
  const good = await runStep();
  if (good.exitCode !== 0)
    throw new Error(`${id}: the good commit must pass "${spec.step.run}":\n${good.output}`);
  await must(repoDir, 'git', ['init', '--quiet', '--initial-branch=main']);
  await must(repoDir, 'git', ['add', '-A']);
  await must(repoDir, 'git', ['commit', '--quiet', '-m', spec.baseMessage], gitEnv('2026-11-18T10:00:00Z'));

  await copySpecTree(join(caseDir, 'break'), repoDir, id);
  for (const path of spec.remove) await rm(join(repoDir, path), { force: true });
  if (!spec.skipFormatOnBreak) await formatTree(repoDir, spec.kind);
  await must(repoDir, 'git', ['add', '-A']);
  await must(repoDir, 'git', ['commit', '--quiet', '-m', spec.breakMessage], gitEnv('2026-11-20T09:12:00Z'));

  let bad = await runStep();
  for (let rerun = 1; spec.flaky && bad.exitCode === 0 && rerun < 50; rerun += 1) bad = await runStep();
  if (bad.exitCode === 0) throw new Error(`${id}: the breaking commit must fail "${spec.step.run}"`);
  // The log should look as if it came from a hosted runner, not from this machine.
  const output = bad.output.replaceAll(repoDir, `/home/runner/work/${id}/${id}`);
  const logFile = join(outDir, `${id}.log`);
  await writeFile(logFile, actionsLog(id, spec, output, bad.exitCode ?? 1));
  for (const leftover of ['node_modules', 'target'])
    await rm(join(repoDir, leftover), { recursive: true, force: true });
  return { id, spec, repoDir, logFile };
};

export const listRepairCases = async (): Promise<string[]> =>
  (await readdir(join(repairSpecDir, 'cases'))).sort();

/** Generates the requested cases (all by default). */
export const makeRepairFixtures = async (
  options: { outDir?: string; cacheDir?: string; only?: string[] } = {},
): Promise<GeneratedCase[]> => {
  const outDir = resolve(options.outDir ?? defaultFixtureDir);
  const cacheDir = resolve(options.cacheDir ?? defaultCacheDir);
  await mkdir(outDir, { recursive: true });
  const ids = options.only ?? (await listRepairCases());
  const made: GeneratedCase[] = [];
  for (const id of ids) made.push(await makeCase({ id, outDir, cacheDir }));
  return made;
};

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const index = args.indexOf(name);
    return index >= 0 ? args[index + 1] : undefined;
  };
  const only = flag('--only')?.split(',');
  const made = await makeRepairFixtures({ outDir: flag('--out'), ...(only ? { only } : {}) });
  for (const item of made)
    console.log(`${item.id.padEnd(24)} ${relative(process.cwd(), item.repoDir)}  (${item.spec.expect})`);
}
