import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DiagnosisResult } from '../diagnosis/diagnosis-result.ts';
import type { Tooling } from '../workspace/tooling.ts';
import { planValidation } from './plan-validation.ts';
import { readStepEnv } from './read-step-env.ts';
import { validatePatch } from './validate-patch.ts';

const diagnosis = (command: string | null, startLine = 1): DiagnosisResult => ({
  category: 'compile_error',
  confidence: 0.9,
  summary: 's',
  rootCause: 'r',
  evidence: [{ start: 1, end: 1 }],
  files: [],
  failingTests: [],
  errorCodes: [],
  failingStep:
    command === null
      ? null
      : { name: `Run ${command}`, exitCode: 1, startLine, endLine: startLine + 10, command },
  flakySuspect: { suspected: false, reason: null },
  engine: 'heuristic',
  model: null,
  tokens: null,
  durationMs: 1,
});

const none: Tooling = { languages: [], node: null, rust: null, go: null, python: null, java: null };
const node = (patch: Partial<NonNullable<Tooling['node']>>): Tooling => ({
  ...none,
  node: {
    packageManager: 'npm',
    lockfile: 'package-lock.json',
    scripts: {},
    packages: [],
    tsconfig: null,
    eslintConfig: null,
    prettier: false,
    biome: false,
    ...patch,
  },
});

const temp: string[] = [];
afterEach(async () => {
  for (const dir of temp.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('planValidation', () => {
  it("prefers the repository's typecheck script, then reruns the failing step", () => {
    const checks = planValidation({
      tooling: node({ scripts: { typecheck: 'tsc --noEmit' }, tsconfig: 'tsconfig.json' }),
      diagnosis: diagnosis('npm run typecheck'),
      changedFiles: ['src/a.ts'],
    });
    expect(checks.map((check) => [check.kind, check.command, ...check.args].join(' '))).toEqual([
      'build npm run --silent typecheck',
      'rerun bash -e -c npm run typecheck',
    ]);
  });

  it('uses tsc with the tsconfig when there is no script', () => {
    const [check] = planValidation({
      tooling: node({ tsconfig: 'tsconfig.json', packages: ['typescript'] }),
      diagnosis: diagnosis(null),
      changedFiles: [],
    });
    expect(check).toMatchObject({
      command: 'node_modules/.bin/tsc',
      args: ['--noEmit', '-p', 'tsconfig.json'],
    });
  });

  it('checks plain JavaScript with node --check', () => {
    const checks = planValidation({
      tooling: node({}),
      diagnosis: diagnosis(null),
      changedFiles: ['src/a.js', 'README.md'],
    });
    expect(checks).toEqual([expect.objectContaining({ command: 'node', args: ['--check', 'src/a.js'] })]);
  });

  it('uses cargo check and go build with the step environment', () => {
    const checks = planValidation({
      tooling: { ...none, rust: { manifest: 'Cargo.toml' }, go: { module: 'x' } },
      diagnosis: diagnosis(null),
      changedFiles: [],
      stepEnv: { RUSTFLAGS: '-D warnings' },
    });
    expect(checks.map((check) => check.name)).toEqual(['cargo check', 'go build']);
    expect(checks[0]?.env).toMatchObject({ RUSTFLAGS: '-D warnings' });
  });

  it('never reruns a step that deploys or publishes', () => {
    expect(planValidation({ tooling: none, diagnosis: diagnosis('npm publish'), changedFiles: [] })).toEqual(
      [],
    );
    expect(
      planValidation({ tooling: none, diagnosis: diagnosis('./deploy.sh prod'), changedFiles: [] }),
    ).toEqual([]);
  });
});

describe('readStepEnv', () => {
  it("reads the env block of the failing step's header", () => {
    const log = [
      '2026-01-01T00:00:00.0000000Z ##[group]Run cargo build',
      '2026-01-01T00:00:00.0000000Z cargo build',
      '2026-01-01T00:00:00.0000000Z env:',
      '2026-01-01T00:00:00.0000000Z   RUSTFLAGS: -D warnings',
      '2026-01-01T00:00:00.0000000Z   TOKEN: ***',
      '2026-01-01T00:00:00.0000000Z ##[endgroup]',
      'error',
    ].join('\n');
    expect(readStepEnv({ log, diagnosis: diagnosis('cargo build', 1) })).toEqual({
      RUSTFLAGS: '-D warnings',
    });
  });
});

describe('validatePatch', () => {
  it('passes when every check passes and stops at the first failure, returning its output', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'suture-validate-'));
    temp.push(dir);
    // type: module, because Node 20's --check skips files whose module kind it has to guess.
    await writeFile(join(dir, 'package.json'), '{"type":"module"}');
    await writeFile(join(dir, 'ok.js'), 'export const a = 1;\n');
    await writeFile(join(dir, 'bad.js'), 'export const = ;\n');
    const ok = await validatePatch({
      dir,
      checks: [{ name: 'syntax', command: 'node', args: ['--check', 'ok.js'], env: {}, kind: 'build' }],
    });
    expect(ok.ok).toBe(true);
    const bad = await validatePatch({
      dir,
      checks: [
        { name: 'bad', command: 'node', args: ['--check', 'bad.js'], env: {}, kind: 'build' },
        { name: 'never', command: 'node', args: ['--check', 'ok.js'], env: {}, kind: 'build' },
      ],
    });
    expect(bad.ok).toBe(false);
    expect(bad.checks.map((check) => check.name)).toEqual(['bad']);
    expect(bad.diagnostics).toContain('SyntaxError');
  });

  it('fails a check that runs past the time limit', async () => {
    const result = await validatePatch({
      dir: tmpdir(),
      checks: [{ name: 'slow', command: 'sleep', args: ['30'], env: {}, kind: 'build' }],
      timeoutMs: 200,
    });
    expect(result.ok).toBe(false);
    expect(result.checks[0]).toMatchObject({ timedOut: true });
  });

  it('does not count an empty plan as validated', async () => {
    expect((await validatePatch({ dir: tmpdir(), checks: [] })).ok).toBe(false);
  });
});
