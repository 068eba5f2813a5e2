#!/usr/bin/env node
// Entry point for `npm start` / `npm test` on a fresh clone: needs nothing but Node and npm. It installs
// the workspace's dependencies when they are missing or stale, then hands over to the TypeScript stack
// manager (scripts/stack/cli.ts) through tsx.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`suture: Node.js >= 20.19 is required (found ${process.versions.node}).`);
  process.exit(1);
}

const lockFile = join(root, 'package-lock.json');
const installedMarker = join(root, 'node_modules', '.package-lock.json');
const stale =
  !existsSync(installedMarker) ||
  (existsSync(lockFile) && statSync(lockFile).mtimeMs > statSync(installedMarker).mtimeMs + 1000);
if (stale) {
  const args = existsSync(lockFile)
    ? ['ci', '--no-audit', '--no-fund']
    : ['install', '--no-audit', '--no-fund'];
  console.log(`suture: installing dependencies (npm ${args[0]})...`);
  const started = Date.now();
  const npm = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (npm.status !== 0) {
    console.error('suture: dependency installation failed; see the npm output above.');
    process.exit(npm.status ?? 1);
  }
  console.log(`suture: dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const child = spawn(
  process.execPath,
  ['--import', 'tsx', join(root, 'scripts', 'stack', 'cli.ts'), ...process.argv.slice(2)],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
// The child owns shutdown (it stops what it started). The terminal's Ctrl-C reaches it directly; other
// signals sent to this process only are passed on.
process.on('SIGINT', () => {});
for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
