// The offline fixers run repository code: ESLint loads eslint.config.js (arbitrary JS) and Prettier its config and
// plugins. They ran on the host, ESLint inside the worker process itself, with the worker's network, environment
// and the workspace's real .git. Now they run in the sandbox on a throwaway copy, and only the listed files they
// changed come back.
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCountingServer, type CountingServer } from '../fixtures/execution/start-counting-server.ts';
import { createLocalSandbox } from '../../src/execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../../src/execution/resolve-sandbox-limits.ts';
import type { Sandbox } from '../../src/execution/sandbox-types.ts';
import { fixFailure } from '../../src/patching/fix-failure.ts';
import { fixFormatting } from '../../src/patching/fix-format.ts';
import { fixLint } from '../../src/patching/fix-lint.ts';
import { fixRustSuggestions } from '../../src/patching/fix-rust-suggestions.ts';
import { ensureRepairFixture } from '../../src/patching/testing/ensure-repair-fixture.ts';
import { isReachableByOthers } from '../../src/execution/is-reachable-by-others.ts';
import type { FixContext } from '../../src/patching/fixer.ts';
import { makeFixContext } from '../../src/patching/testing/make-fix-context.ts';
import { createSandboxedFixerRunner } from '../../src/workspace/create-sandboxed-fixer-runner.ts';
import { createSandboxedRunner } from '../../src/workspace/create-sandboxed-runner.ts';
import { createWorkspace } from '../../src/workspace/create-workspace.ts';
import { diffWorkspace } from '../../src/workspace/diff-workspace.ts';
import { disposeWorkspace } from '../../src/workspace/dispose-workspace.ts';

const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 120_000, processes: 512 } });
let sandbox: Sandbox;
let server: CountingServer;
const cleanup: string[] = [];

beforeAll(async () => {
  sandbox = await createLocalSandbox({ searchPath: '/usr/local/bin:/usr/bin:/bin', isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0, extraPath: ['/usr/local/go/bin'] });
  server = await startCountingServer();
});

afterAll(async () => {
  await server.close();
  for (const path of cleanup) await rm(path, { recursive: true, force: true });
});

/** Code a hostile repository puts in a config file its tools load: every escape it would try from the worker. */
const hostileCode = (markers: { host: string; fsmonitor: string }): string => `
import { connect } from 'node:net';
import { writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
const root = fileURLToPath(new URL('.', import.meta.url));
await new Promise((done) => {
  const socket = connect(${server.port}, '127.0.0.1');
  socket.on('connect', () => { socket.destroy(); done(); });
  socket.on('error', done);
  setTimeout(done, 3000);
});
try { writeFileSync(${JSON.stringify(markers.host)}, 'written from the fixer'); } catch { /* ignored */ }
try { writeFileSync(root + '.git/hooks/pre-commit', '#!/bin/sh\\ntouch ${markers.host}-hook\\n', { mode: 0o755 }); } catch { /* ignored */ }
try { execFileSync('git', ['-C', root, 'config', 'core.fsmonitor', 'touch ${markers.fsmonitor}']); } catch { /* ignored */ }
try { writeFileSync(root + 'planted.js', 'export const planted = true;\\n'); } catch { /* ignored */ }
`;

/** Commits the hostile files into the workspace as if cloned with it, so the fix's own diff does not contain them. */
const arm = async (context: FixContext, edits: Record<string, (current: string) => string>): Promise<{ context: FixContext; gitConfig: string }> => {
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(context.workspace.dir, file);
    await writeFile(path, edit(await readFile(path, 'utf8').catch(() => '')));
  }
  await context.workspace.git.add(Object.keys(edits));
  await context.workspace.git.commit('hostile config', undefined, { '--no-verify': null });
  const baseCommit = (await context.workspace.git.revparse(['HEAD'])).trim();
  return { context: { ...context, workspace: { ...context.workspace, baseCommit } }, gitConfig: await readFile(join(context.workspace.dir, '.git', 'config'), 'utf8') };
};

const sandboxed = (context: FixContext, using: Sandbox = sandbox): FixContext => ({
  ...context,
  run: createSandboxedRunner({ sandbox: using, workspaceDir: context.workspace.dir, limits }),
  runFixer: createSandboxedFixerRunner({ sandbox: using, workspaceDir: context.workspace.dir, limits }),
});

/**
 * The Rust toolchain as the sandbox's uid can reach it. As root, rustup's under /root (0700) is not: mirrored with
 * hard links into the fixtures' cache, as scripts/stack/sandbox-toolchains.ts does for the worker.
 */
const reachableRustToolchain = async (): Promise<string> => {
  const sysroot = execFileSync('rustc', ['--print', 'sysroot'], { encoding: 'utf8' }).trim();
  if (process.getuid?.() !== 0 || isReachableByOthers({ path: sysroot })) return sysroot;
  const { cacheDir } = await ensureRepairFixture({ id: 'rust-clippy-lint' });
  const version = execFileSync('rustc', ['--version'], { encoding: 'utf8' });
  const mirror = join(cacheDir, 'sandbox-toolchains', `rust-${createHash('sha256').update(`${sysroot}\n${version}`).digest('hex').slice(0, 10)}`);
  if (!existsSync(join(mirror, 'bin'))) {
    mkdirSync(join(cacheDir, 'sandbox-toolchains'), { recursive: true, mode: 0o755 });
    execFileSync('cp', ['-al', sysroot, mirror]);
  }
  return mirror;
};

describe('offline fixers in the sandbox', () => {
  it('a hostile eslint.config.js reaches no host listener, writes nothing on the host, cannot touch .git, and the reported lint fix still lands', async () => {
    const context = await makeFixContext({ id: 'eslint-errors' });
    const markers = { host: join(tmpdir(), `suture-fixer-marker-${randomUUID()}`), fsmonitor: join(tmpdir(), `suture-fixer-fsmonitor-${randomUUID()}`) };
    cleanup.push(markers.host, `${markers.host}-hook`, markers.fsmonitor);
    try {
      const armed = await arm(context, { 'eslint.config.js': (current) => `${hostileCode(markers)}\n${current}` });
      const before = server.connections();
      const run = await fixLint({ context: sandboxed(armed.context) });
      // The host's git ran (git status above, git diff here): a planted fsmonitor would have fired by now.
      const { diff, files } = await diffWorkspace({ workspace: armed.context.workspace });
      expect.soft(server.connections() - before).toBe(0);
      expect.soft(existsSync(markers.host)).toBe(false);
      expect.soft(existsSync(markers.fsmonitor)).toBe(false);
      expect.soft(await readFile(join(context.workspace.dir, '.git', 'config'), 'utf8')).toBe(armed.gitConfig);
      expect.soft(existsSync(join(context.workspace.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
      expect.soft(existsSync(join(context.workspace.dir, 'planted.js'))).toBe(false);
      expect(run.notes.join('\n')).toContain('1 file(s) rewritten (sandboxed)');
      expect(files).toEqual(['src/discount.js']);
      expect(diff).toContain('+  const total = subtotal(lines);');
      expect(diff).toContain('+  if (rate === 0) {');
      // The repository's own lint run (in the sandbox: its config is still hostile) now passes on the fixed file.
      const lint = await createSandboxedRunner({ sandbox, workspaceDir: context.workspace.dir, limits })({ cwd: context.workspace.dir, command: 'node_modules/.bin/eslint', args: ['src/discount.js'] });
      expect(lint.exitCode, lint.output).toBe(0);
    } finally {
      await disposeWorkspace({ workspace: context.workspace });
    }
  }, 180_000);

  it('a hostile Prettier plugin gets the same: nothing reached, nothing planted, the reported file still formatted', async () => {
    const context = await makeFixContext({ id: 'prettier-drift' });
    const markers = { host: join(tmpdir(), `suture-prettier-marker-${randomUUID()}`), fsmonitor: join(tmpdir(), `suture-prettier-fsmonitor-${randomUUID()}`) };
    cleanup.push(markers.host, `${markers.host}-hook`, markers.fsmonitor);
    try {
      // A Prettier plugin is a module Prettier imports: the repository's config names it.
      const armed = await arm(context, {
        'hostile-plugin.mjs': () => `${hostileCode(markers)}\nexport const languages = [];\n`,
        '.prettierrc.json': (current) => JSON.stringify({ ...(JSON.parse(current || '{}') as object), plugins: ['./hostile-plugin.mjs'] }),
        '.prettierignore': (current) => `${current}\nhostile-plugin.mjs\n`,
      });
      const before = server.connections();
      const run = await fixFormatting({ context: sandboxed(armed.context) });
      const { files } = await diffWorkspace({ workspace: armed.context.workspace });
      expect.soft(server.connections() - before).toBe(0);
      expect.soft(existsSync(markers.host)).toBe(false);
      expect.soft(existsSync(markers.fsmonitor)).toBe(false);
      expect.soft(await readFile(join(context.workspace.dir, '.git', 'config'), 'utf8')).toBe(armed.gitConfig);
      expect.soft(existsSync(join(context.workspace.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
      expect.soft(existsSync(join(context.workspace.dir, 'planted.js'))).toBe(false);
      expect(run.notes.join('\n')).toContain('(sandboxed) -> exit 0');
      expect(files.length).toBeGreaterThan(0);
      const check = await createSandboxedRunner({ sandbox, workspaceDir: context.workspace.dir, limits })({ cwd: context.workspace.dir, command: 'node_modules/.bin/prettier', args: ['--check', ...files] });
      expect(check.exitCode, check.output).toBe(0);
    } finally {
      await disposeWorkspace({ workspace: context.workspace });
    }
  }, 180_000);

  it("cargo clippy in the sandbox: a hostile build.rs reaches no host listener, writes nothing on the host or in .git, and clippy's fix still lands", async () => {
    const toolchain = await reachableRustToolchain();
    const rustSandbox = await createLocalSandbox({ searchPath: '/usr/local/bin:/usr/bin:/bin', isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0, toolchainPaths: [toolchain], extraPath: [join(toolchain, 'bin')] });
    const context = await makeFixContext({ id: 'rust-clippy-lint' });
    const marker = join(tmpdir(), `suture-buildrs-marker-${randomUUID()}`);
    cleanup.push(marker, `${marker}-fsmonitor`);
    try {
      const armed = await arm(context, {
        'build.rs': () => `fn main() {
    let reached = std::net::TcpStream::connect(("127.0.0.1", ${server.port})).is_ok();
    let _ = std::fs::write(${JSON.stringify(marker)}, format!("reached={reached}"));
    let root = std::env::var("CARGO_MANIFEST_DIR").unwrap();
    let _ = std::fs::write(format!("{root}/.git/hooks/pre-commit"), "#!/bin/sh\\ntouch /tmp/pwned\\n");
    let _ = std::process::Command::new("git").args(["-C", &root, "config", "core.fsmonitor", "touch ${marker}-fsmonitor"]).status();
}
`,
      });
      const before = server.connections();
      const run = await fixRustSuggestions({ context: sandboxed(armed.context, rustSandbox) });
      const { diff, files } = await diffWorkspace({ workspace: armed.context.workspace });
      expect.soft(server.connections() - before).toBe(0);
      expect.soft(existsSync(marker)).toBe(false);
      expect.soft(existsSync(`${marker}-fsmonitor`)).toBe(false);
      expect.soft(await readFile(join(context.workspace.dir, '.git', 'config'), 'utf8')).toBe(armed.gitConfig);
      expect.soft(existsSync(join(context.workspace.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
      expect(files, run.notes.join('\n')).toEqual(['src/lib.rs']);
      expect(diff).toContain('is_empty()');
    } finally {
      await disposeWorkspace({ workspace: context.workspace });
    }
  }, 300_000);

  it('fixFailure with a sandbox (as the worker and suture fix call it) runs the fixer there: a hostile eslint.config.js reaches nothing, and the run is still fixed', async () => {
    const fixture = await ensureRepairFixture({ id: 'eslint-errors' });
    const repoDir = await mkdtemp(join(tmpdir(), 'suture-hostile-repo-'));
    cleanup.push(repoDir);
    await cp(fixture.repoDir, repoDir, { recursive: true });
    const markers = { host: join(tmpdir(), `suture-e2e-marker-${randomUUID()}`), fsmonitor: join(tmpdir(), `suture-e2e-fsmonitor-${randomUUID()}`) };
    cleanup.push(markers.host, `${markers.host}-hook`, markers.fsmonitor);
    await writeFile(join(repoDir, 'eslint.config.js'), `${hostileCode(markers)}\n${await readFile(join(repoDir, 'eslint.config.js'), 'utf8')}`);
    execFileSync('git', ['-C', repoDir, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qam', 'hostile config', '--no-verify']);
    const gitConfig = await readFile(join(repoDir, '.git', 'config'), 'utf8');
    const before = server.connections();
    const report = await fixFailure({ repoDir, log: fixture.log, cacheDir: fixture.cacheDir, validationSandbox: { sandbox, limits } });
    expect.soft(server.connections() - before).toBe(0);
    expect.soft(existsSync(markers.host)).toBe(false);
    expect.soft(existsSync(markers.fsmonitor)).toBe(false);
    expect.soft(await readFile(join(repoDir, '.git', 'config'), 'utf8')).toBe(gitConfig);
    expect(report.outcome, report.reason).toBe('fixed');
    const kept = report.attempts.find((attempt) => attempt.kept);
    expect(kept?.fixer).toBe('linter');
    expect(kept?.notes.join('\n')).toContain('(sandboxed)');
    expect(kept?.files).toEqual(['src/discount.js']);
  }, 240_000);

  it('brings back only changed listed regular files: no symlinked host file, no new file, nothing under .git', async () => {
    const source = await mkdtemp(join(tmpdir(), 'suture-fixer-copyback-'));
    cleanup.push(source);
    const secret = join(tmpdir(), `suture-host-secret-${randomUUID()}`);
    cleanup.push(secret);
    await writeFile(secret, 'host secret\n');
    for (const name of ['a.txt', 'b.txt', 'c.txt']) await writeFile(join(source, name), `${name}\n`);
    const workspace = await createWorkspace({ sourceDir: source });
    try {
      const gitConfig = await readFile(join(workspace.dir, '.git', 'config'), 'utf8');
      const runFixer = createSandboxedFixerRunner({ sandbox, workspaceDir: workspace.dir, limits });
      const script = [
        'echo fixed > a.txt',
        // The host reads the copy as root: through a symlink it would copy any host file into the patch.
        `rm b.txt && ln -s ${secret} b.txt`,
        'echo new > new.txt',
        'echo unlisted > c.txt',
        'git config core.fsmonitor "touch /tmp/x" && echo "#!/bin/sh" > .git/hooks/pre-commit',
      ].join(' && ');
      const result = await runFixer({ cwd: workspace.dir, command: 'sh', args: ['-c', script], mayChange: ['a.txt', 'b.txt', 'new.txt', '.git/config', '../outside.txt'] });
      expect(result.exitCode, result.output).toBe(0);
      expect(result.changedFiles).toEqual(['a.txt']);
      expect(await readFile(join(workspace.dir, 'a.txt'), 'utf8')).toBe('fixed\n');
      expect(await readFile(join(workspace.dir, 'b.txt'), 'utf8')).toBe('b.txt\n');
      expect(await readFile(join(workspace.dir, 'c.txt'), 'utf8')).toBe('c.txt\n');
      expect(existsSync(join(workspace.dir, 'new.txt'))).toBe(false);
      expect(await readFile(join(workspace.dir, '.git', 'config'), 'utf8')).toBe(gitConfig);
      expect(existsSync(join(workspace.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    } finally {
      await disposeWorkspace({ workspace });
    }
  }, 60_000);
});
