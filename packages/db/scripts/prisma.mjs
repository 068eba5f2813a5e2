#!/usr/bin/env node
// Runs the pinned Prisma CLI with Suture's offline schema-engine bridge.
//
//   node packages/db/scripts/prisma.mjs <prisma args...>
//   e.g. migrate deploy | migrate status | generate | migrate dev --create-only --name init
//        migrate diff --from-empty --to-schema prisma/schema.prisma --script
//
// * PRISMA_SCHEMA_ENGINE_BINARY -> packages/db/engine/schema-engine.mjs, so the
//   CLI never tries to download the native engine (it cannot, offline). An
//   explicitly set PRISMA_SCHEMA_ENGINE_BINARY is respected.
// * `--config packages/db/prisma.config.ts` is added unless the caller passed
//   --config; that file sets the schema, the migrations folder and the
//   datasource URL (from DATABASE_URL).
// * The working directory is left alone, so relative paths in the arguments
//   mean what the caller expects. Arguments, stdio and the exit code are
//   passed through unchanged.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dbDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(dbDir, 'package.json'));

const cli = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'index.js');
const bridge = path.join(dbDir, 'engine', 'schema-engine.mjs');
const config = path.join(dbDir, 'prisma.config.ts');

const args = process.argv.slice(2);
const hasConfig = args.some((a) => a === '--config' || a.startsWith('--config='));
// `--config` is a per-command flag; the CLI rejects it for a bare `prisma`/`--help`.
const finalArgs = hasConfig || args.length === 0 ? args : [...args, '--config', config];

try {
  fs.accessSync(bridge, fs.constants.X_OK);
} catch {
  fs.chmodSync(bridge, 0o755); // a fresh checkout may have lost the exec bit
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || bridge,
  // No telemetry / update checks: there is no network besides package registries.
  CHECKPOINT_DISABLE: process.env.CHECKPOINT_DISABLE ?? '1',
  PRISMA_HIDE_UPDATE_MESSAGE: process.env.PRISMA_HIDE_UPDATE_MESSAGE ?? '1',
};

const child = spawn(process.execPath, [cli, ...finalArgs], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => child.kill(sig));
}
child.on('error', (err) => {
  console.error(`prisma.mjs: could not start the Prisma CLI: ${err.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  if (signal) {
    process.kill(process.pid, signal);
    return;
  }
  process.exit(code ?? 1);
});
