#!/usr/bin/env node
// Suture schema-engine bridge.
//
// Stands in for Prisma's native `schema-engine` binary, which the Prisma CLI
// normally downloads from the internet. The CLI is pointed at this file with
// PRISMA_SCHEMA_ENGINE_BINARY (see ../scripts/prisma.mjs). It:
//   * speaks the engine's line-delimited JSON-RPC 2.0 on stdin/stdout,
//   * forwards every method to the WebAssembly build of the same engine
//     (prisma/build/schema_engine_bg.wasm + @prisma/schema-engine-wasm glue),
//   * which reaches PostgreSQL through a migration-aware @prisma/adapter-pg
//     factory built here from the `--datasource` URL (discrete host/port/...
//     fields, never `connectionString`, so the shadow database really is a
//     separate database),
//   * implements the `cli can-connect-to-database|create-database|drop-database`
//     sub-commands and `--version` with node-postgres directly,
//   * logs JSON lines to stderr in the format the CLI parses.
//
// PostgreSQL only. Plain ESM JavaScript on purpose: it must run without a build.

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, '..', 'package.json'));

const ENGINE_TARGET = 'schema_engine::logger';
const LEVELS = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4 };

// ---------------------------------------------------------------------------
// Logging (stderr, one JSON object per line, like the native engine)
// ---------------------------------------------------------------------------

function logThreshold() {
  const raw = (process.env.SUTURE_SCHEMA_ENGINE_LOG ?? process.env.RUST_LOG ?? 'info').toLowerCase();
  // RUST_LOG may look like "info" or "schema_engine=debug,info"; take the most verbose level named.
  let best = LEVELS.INFO;
  let found = false;
  for (const part of raw.split(',')) {
    const lvl = part.split('=').pop()?.trim().toUpperCase();
    if (lvl && lvl in LEVELS) {
      best = found ? Math.min(best, LEVELS[lvl]) : LEVELS[lvl];
      found = true;
    }
  }
  return best;
}
const THRESHOLD = logThreshold();

function writeStderrLine(obj) {
  try {
    process.stderr.write(JSON.stringify(obj) + '\n');
  } catch {
    // stderr closed: nothing sensible left to do
  }
}

function log(level, message, fields = {}) {
  if (LEVELS[level] < THRESHOLD) return;
  writeStderrLine({
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...fields },
    target: ENGINE_TARGET,
  });
}

/** Log callback handed to the Wasm engine: it receives tracing-subscriber JSON lines. */
function wasmLogCallback(chunk) {
  for (const line of String(chunk).split('\n')) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    let parsed;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      log('INFO', trimmed);
      continue;
    }
    const level = String(parsed.level ?? 'INFO').toUpperCase();
    if ((LEVELS[level] ?? LEVELS.INFO) < THRESHOLD) continue;
    if (!parsed.fields || typeof parsed.fields !== 'object') parsed.fields = { message: '' };
    if (parsed.fields.message === undefined) parsed.fields.message = '';
    writeStderrLine(parsed);
  }
}

// ---------------------------------------------------------------------------
// Argument parsing (what Prisma CLI 7.x passes)
//   schema-engine --datamodels <file> [--datamodels <file>...] [--datasource <json>]
//                 [--enabled-preview-features a,b] [--extension-types <json>]
//   schema-engine --datasource <json> cli <can-connect-to-database|create-database|drop-database>
//   schema-engine --version
// ---------------------------------------------------------------------------

function parseArgs(argv) {
  const out = {
    datamodels: [],
    datasource: undefined,
    previewFeatures: [],
    cli: undefined,
    version: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const takeValue = (name) => {
      const eq = a.indexOf('=');
      if (eq !== -1) return a.slice(eq + 1);
      if (i + 1 >= argv.length) throw new Error(`Missing value for ${name}`);
      return argv[++i];
    };
    if (a === '--version' || a === '-V' || a === '-v') out.version = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--datamodels' || a.startsWith('--datamodels=') || a === '-d')
      out.datamodels.push(takeValue('--datamodels'));
    else if (a === '--datamodel' || a.startsWith('--datamodel='))
      out.datamodels.push(takeValue('--datamodel'));
    else if (a === '--datasource' || a.startsWith('--datasource='))
      out.datasource = JSON.parse(takeValue('--datasource'));
    else if (a === '--enabled-preview-features' || a.startsWith('--enabled-preview-features=')) {
      out.previewFeatures = takeValue('--enabled-preview-features').split(',').filter(Boolean);
    } else if (a === '--extension-types' || a.startsWith('--extension-types='))
      takeValue('--extension-types');
    else if (a === 'cli') {
      out.cli = argv[i + 1];
      i = argv.length;
    } else {
      log('WARN', `schema-engine bridge: ignoring unknown argument ${a}`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Connection URL -> discrete node-postgres config
// ---------------------------------------------------------------------------

function parsePostgresUrl(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    throw userError(
      'P1013',
      'The provided database string is invalid. The scheme is not recognized in database URL.',
    );
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw userError(
      'P1013',
      `The provided database string is invalid. The Suture schema-engine bridge only supports PostgreSQL (got \`${u.protocol.replace(/:$/, '')}\`).`,
    );
  }
  const q = u.searchParams;
  const hostname = decodeURIComponent(u.hostname).replace(/^\[(.*)\]$/, '$1');
  const config = {
    host: q.get('host') || hostname || 'localhost',
    port: u.port ? Number(u.port) : Number(q.get('port') || 5432),
    user: decodeURIComponent(u.username) || q.get('user') || undefined,
    password: u.password ? decodeURIComponent(u.password) : (q.get('password') ?? undefined),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres',
  };
  const schema = q.get('schema') || undefined;
  const pgOptions = [];
  if (schema) pgOptions.push(`-c search_path="${schema.replace(/"/g, '""')}"`);
  if (q.get('options')) pgOptions.push(q.get('options'));
  if (pgOptions.length) config.options = pgOptions.join(' ');
  if (q.get('application_name')) config.application_name = q.get('application_name');
  if (q.get('connect_timeout')) config.connectionTimeoutMillis = Number(q.get('connect_timeout')) * 1000;
  if (q.get('connection_limit')) config.max = Number(q.get('connection_limit'));
  const sslmode = q.get('sslmode');
  if (sslmode === 'require' || sslmode === 'verify-ca' || sslmode === 'verify-full') {
    const ssl = {
      rejectUnauthorized: sslmode !== 'require' && q.get('sslaccept') !== 'accept_invalid_certs',
    };
    if (q.get('sslcert')) ssl.cert = fs.readFileSync(q.get('sslcert'));
    if (q.get('sslidentity')) ssl.pfx = fs.readFileSync(q.get('sslidentity'));
    if (q.get('sslrootcert')) ssl.ca = fs.readFileSync(q.get('sslrootcert'));
    if (q.get('sslpassword')) ssl.passphrase = q.get('sslpassword');
    config.ssl = ssl;
  }
  return { config, schema };
}

function userError(code, message, meta) {
  const e = new Error(message);
  e.code = code;
  if (meta) e.meta = meta;
  return e;
}

function serverAddress(config) {
  return `${config.host}:${config.port}`;
}

/** Map a node-postgres connection error to the Prisma error the native engine would report. */
function connectionError(err, config) {
  const addr = serverAddress(config);
  switch (err?.code) {
    case '3D000':
      return userError(
        'P1003',
        `Database \`${config.database}\` does not exist on the database server at \`${addr}\`.`,
        {
          database_name: config.database,
          database_host: config.host,
          database_port: config.port,
        },
      );
    case '28P01':
    case '28000':
      return userError(
        'P1000',
        `Authentication failed against database server, the provided database credentials for \`${config.user ?? ''}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at the configured address.`,
        { database_user: config.user ?? '', database_host: config.host, database_port: config.port },
      );
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ETIMEDOUT':
      return userError(
        'P1001',
        `Can't reach database server at \`${addr}\`\n\nPlease make sure your database server is running at \`${addr}\`.`,
        {
          database_host: config.host,
          database_port: config.port,
        },
      );
    default:
      return userError(undefined, err?.message ?? String(err));
  }
}

// ---------------------------------------------------------------------------
// node-postgres + adapter-pg (loaded lazily: `--version` must not need them)
// ---------------------------------------------------------------------------

let pgModule;
function pg() {
  if (!pgModule) {
    pgModule = require('pg');
    patchCharType(pgModule);
  }
  return pgModule;
}

// adapter-pg throws `Unsupported column type char` for Postgres' internal
// one-byte `"char"` type (OID 18), which the engine's introspection queries
// return (pg_class.relkind, pg_constraint.contype, ...). Report such columns
// as `text` (OID 25): the value is a one-character string either way.
function patchCharType(pgLib) {
  const proto = pgLib.Result?.prototype;
  if (!proto || proto.__sutureCharPatched) return;
  const original = proto.addFields;
  proto.addFields = function addFields(fieldDescriptions) {
    const fixed = fieldDescriptions.map((d) => (d && d.dataTypeID === 18 ? { ...d, dataTypeID: 25 } : d));
    return original.call(this, fixed);
  };
  proto.__sutureCharPatched = true;
}

async function withAdminClient(config, fn) {
  const client = new (pg().Client)(config);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw connectionError(err, config);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

const quoteIdent = (name) => `"${String(name).replace(/"/g, '""')}"`;

/** Temporary shadow databases created by this process and not yet dropped. */
const liveShadowDatabases = new Map(); // name -> { closePool }

async function dropShadowDatabase(adminConfig, name) {
  const entry = liveShadowDatabases.get(name);
  // Close our own pool to it first (idempotent), or DROP would wait on it.
  if (entry?.closePool) await entry.closePool().catch(() => {});
  await withAdminClient(adminConfig, async (client) => {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    } catch (err) {
      // PostgreSQL < 13 has no WITH (FORCE): terminate sessions, then drop.
      if (err?.code !== '42601') throw err;
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
    }
  });
  liveShadowDatabases.delete(name);
  log('INFO', `Dropped temporary shadow database ${name}`);
}

let adminConfigForCleanup;
async function dropAllShadowDatabases() {
  if (!adminConfigForCleanup) return;
  for (const name of [...liveShadowDatabases.keys()]) {
    try {
      await dropShadowDatabase(adminConfigForCleanup, name);
    } catch (err) {
      log('WARN', `Could not drop temporary shadow database ${name}: ${err?.message ?? err}`);
    }
  }
}

/**
 * Used when no datasource URL is configured (e.g. `migrate diff --from-empty
 * --to-schema ... --script` on a machine without a database). The wasm engine
 * runs a single probe query when it starts; answer it, and refuse everything
 * else, so schema-to-schema diffs work offline.
 */
function offlineAdapterFactory() {
  const refuse = async () => {
    throw new Error(
      'No database is configured: set DATABASE_URL (prisma.config.ts reads it) to run this command.',
    );
  };
  const adapter = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async queryRaw(query) {
      if (/server_version_num/.test(query.sql)) {
        return {
          columnNames: ['exists', 'version', 'numeric_version'],
          columnTypes: [5, 7, 0], // Boolean, Text, Int32
          rows: [[true, 'PostgreSQL 15.0 (offline: no DATABASE_URL)', 150000]],
        };
      }
      return refuse();
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    async dispose() {},
  };
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => adapter,
    connectToShadowDb: refuse,
    async disposeAll() {},
  };
}

/** The last error PostgreSQL reported during the current request (the wasm engine drops the details). */
let lastDbError;
function recordDbError(error, role) {
  const cause = error?.name === 'DriverAdapterError' ? error.cause : undefined;
  const code = cause?.originalCode ?? error?.code;
  const message = cause?.originalMessage ?? error?.message;
  if (code || message) lastDbError = { code, message, role };
}

/**
 * A migration-aware driver adapter factory (the shape @prisma/adapter-pg's
 * PrismaPg has), built from discrete connection fields.
 */
function createAdapterFactory(datasource) {
  pg(); // load node-postgres with the "char" patch before adapter-pg uses it
  const { PrismaPg } = require('@prisma/adapter-pg');
  const mainUrl = datasource?.url;
  if (!mainUrl) return { factory: offlineAdapterFactory(), mainConfig: undefined };
  const main = parsePostgresUrl(mainUrl);
  const adapterOptions = main.schema ? { schema: main.schema } : undefined;
  adminConfigForCleanup = main.config;
  const openAdapters = new Set();

  const track = (adapter, role) => {
    openAdapters.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    let disposed = false;
    adapter.dispose = async () => {
      if (disposed) return;
      disposed = true;
      openAdapters.delete(adapter);
      await dispose();
    };
    // adapter-pg's executeScript splits the script on every `;` (breaking
    // function bodies, DO blocks and string literals) and sends the pieces
    // to arbitrary pool connections. Send the script as one simple-protocol
    // query instead, like the native engine: one implicit transaction.
    adapter.executeScript = async (script) => {
      try {
        await adapter.underlyingDriver().query(script);
      } catch (error) {
        recordDbError(error, role);
        adapter.onError(error); // throws DriverAdapterError, mapped like every other adapter error
      }
    };
    const recordingQueryable = (q) => {
      for (const m of ['queryRaw', 'executeRaw']) {
        const original = q[m].bind(q);
        q[m] = async (...a) => {
          try {
            return await original(...a);
          } catch (error) {
            recordDbError(error, role);
            throw error;
          }
        };
      }
      return q;
    };
    recordingQueryable(adapter);
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...a) => recordingQueryable(await startTransaction(...a));
    return adapter;
  };

  const factory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    async connect() {
      return track(await new PrismaPg({ ...main.config }, adapterOptions).connect(), 'main');
    },
    async connectToShadowDb() {
      if (datasource?.shadowDatabaseUrl) {
        const shadow = parsePostgresUrl(datasource.shadowDatabaseUrl);
        return track(
          await new PrismaPg(
            { ...shadow.config },
            shadow.schema ? { schema: shadow.schema } : undefined,
          ).connect(),
          'shadow',
        );
      }
      const name = `prisma_migrate_shadow_db_${randomUUID()}`;
      await withAdminClient(main.config, (client) => client.query(`CREATE DATABASE ${quoteIdent(name)}`));
      log('INFO', `Created temporary shadow database ${name}`);
      const adapter = track(
        await new PrismaPg({ ...main.config, database: name }, adapterOptions).connect(),
        'shadow',
      );
      const closePool = adapter.dispose;
      liveShadowDatabases.set(name, { closePool });
      // Close the pool FIRST, then drop the database (adapter-pg does it the
      // other way round, so DROP fails on open connections and the db leaks).
      adapter.dispose = async () => {
        await closePool();
        if (liveShadowDatabases.has(name)) {
          await dropShadowDatabase(main.config, name).catch((err) =>
            log('WARN', `Could not drop temporary shadow database ${name}: ${err?.message ?? err}`),
          );
        }
      };
      return adapter;
    },
    async disposeAll() {
      for (const a of [...openAdapters]) await a.dispose().catch(() => {});
    },
  };
  return { factory, mainConfig: main.config };
}

// ---------------------------------------------------------------------------
// Wasm engine loading
// ---------------------------------------------------------------------------

let panicMessage;
globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
  set_message(message) {
    panicMessage = `RuntimeError: ${message}`;
  },
};

async function loadWasm() {
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  const candidates = [
    process.env.SUTURE_SCHEMA_ENGINE_WASM,
    path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm'),
    path.join(path.dirname(require.resolve('@prisma/schema-engine-wasm')), 'schema_engine_bg.wasm'),
  ].filter(Boolean);
  let lastError;
  for (const file of candidates) {
    try {
      const { instance } = await WebAssembly.instantiate(fs.readFileSync(file), {
        './schema_engine_bg.js': glue,
      });
      glue.__wbg_set_wasm(instance.exports);
      instance.exports.__wbindgen_start?.();
      return { glue, file };
    } catch (err) {
      lastError = err;
      log('DEBUG', `Could not load ${file}: ${err?.message ?? err}`);
    }
  }
  throw lastError ?? new Error('No schema engine wasm found');
}

// ---------------------------------------------------------------------------
// --version
// ---------------------------------------------------------------------------

function engineHash() {
  try {
    return require(
      createRequire(require.resolve('prisma/package.json')).resolve('@prisma/engines-version/package.json'),
    ).prisma.enginesVersion;
  } catch {
    try {
      return require('@prisma/engines-version/package.json').prisma.enginesVersion;
    } catch {
      return 'unknown';
    }
  }
}

// ---------------------------------------------------------------------------
// `cli` sub-commands (used by the CLI to check/create the database)
// ---------------------------------------------------------------------------

async function runCliCommand(args) {
  // The CLI drops the first stderr line of these sub-commands and JSON-parses the rest.
  log('INFO', 'Starting schema engine CLI (Suture wasm bridge)', { git_hash: engineHash() });
  const url = args.datasource?.url;
  try {
    if (!url)
      throw userError(undefined, 'The --datasource argument with a `url` is required for `cli` commands.');
    const { config } = parsePostgresUrl(url);
    switch (args.cli) {
      case 'can-connect-to-database':
        await withAdminClient(config, (c) => c.query('SELECT 1'));
        log('INFO', 'Connection successful');
        break;
      case 'create-database': {
        const adminDb = config.database === 'postgres' ? 'template1' : 'postgres';
        await withAdminClient({ ...config, database: adminDb }, async (c) => {
          try {
            await c.query(`CREATE DATABASE ${quoteIdent(config.database)}`);
          } catch (err) {
            if (err?.code === '42P04') return; // already exists
            throw err;
          }
        });
        process.stdout.write(`Database '${config.database}' was successfully created.\n`);
        break;
      }
      case 'drop-database': {
        const adminDb = config.database === 'postgres' ? 'template1' : 'postgres';
        await withAdminClient({ ...config, database: adminDb }, (c) =>
          c.query(`DROP DATABASE IF EXISTS ${quoteIdent(config.database)}`),
        );
        process.stdout.write(`The database '${config.database}' was successfully dropped.\n`);
        break;
      }
      default:
        throw userError(undefined, `Unknown cli sub-command: ${args.cli}`);
    }
    return 0;
  } catch (err) {
    const fields = { message: err?.message ?? String(err) };
    if (err?.code && /^P\d{4}$/.test(err.code)) fields.error_code = err.code;
    writeStderrLine({ timestamp: new Date().toISOString(), level: 'ERROR', fields, target: ENGINE_TARGET });
    return 1;
  }
}

// ---------------------------------------------------------------------------
// JSON-RPC server
// ---------------------------------------------------------------------------

const RPC_ERROR_CODE = 4466; // what the native engine uses for application errors

function writeMessage(obj) {
  return new Promise((resolve) => {
    // Resolves once the line has been handed to the OS (the CLI may kill us right after).
    process.stdout.write(JSON.stringify(obj) + '\n', () => resolve());
  });
}

async function runRpcServer(args) {
  const datamodels = args.datamodels.map((file) => [file, fs.readFileSync(path.resolve(file), 'utf8')]);
  const { factory } = createAdapterFactory(args.datasource);
  const { bindMigrationAwareSqlAdapterFactory } = createRequire(require.resolve('@prisma/adapter-pg'))(
    '@prisma/driver-adapter-utils',
  );
  const boundFactory = bindMigrationAwareSqlAdapterFactory(factory);

  let enginePromise;
  let wasmInfo;
  const getEngine = () => {
    if (!enginePromise) {
      enginePromise = (async () => {
        wasmInfo ??= await loadWasm();
        log('DEBUG', `Using schema engine wasm ${wasmInfo.file}`);
        return wasmInfo.glue.SchemaEngine.new(
          { datamodels: datamodels.length ? datamodels : undefined },
          wasmLogCallback,
          boundFactory,
        );
      })();
      // A failed construction (e.g. database unreachable) is retried on the next request.
      enginePromise.catch(() => {
        enginePromise = undefined;
      });
    }
    return enginePromise;
  };

  // Requests initiated by us (the `print` method) awaiting the CLI's reply.
  let nextOutgoingId = 1_000_000;
  const pendingOutgoing = new Map();
  const callClient = async (method, params) => {
    const id = nextOutgoingId++;
    const reply = new Promise((resolve) => pendingOutgoing.set(id, resolve));
    await writeMessage({ jsonrpc: '2.0', method, params, id });
    return reply;
  };

  const translateError = (err, method) => {
    // Errors raised inside the JS driver adapter are kept in its registry.
    const data = { is_panic: false, message: undefined, meta: null };
    if (err instanceof WebAssembly.RuntimeError || panicMessage) {
      data.is_panic = true;
      data.message = panicMessage ?? String(err?.message ?? err);
      data.backtrace = err?.stack;
      return { code: RPC_ERROR_CODE, message: 'An error happened. Check the data field for details.', data };
    }
    let e = err;
    log('DEBUG', 'raw engine error', {
      name: e?.name,
      keys: e && typeof e === 'object' ? Object.getOwnPropertyNames(e).join(',') : typeof e,
      cause:
        e?.cause === undefined
          ? undefined
          : JSON.stringify(e.cause, (k, v) => (typeof v === 'bigint' ? String(v) : v)),
    });
    if (e && typeof e === 'object' && typeof e.code !== 'string' && typeof e.id === 'number') {
      const record = boundFactory.errorRegistry?.consumeError?.(e.id);
      if (record) e = record.error;
    }
    let code = typeof e?.code === 'string' && /^P\d{4}$/.test(e.code) ? e.code : undefined;
    data.message = e?.message ?? (typeof e === 'string' ? e : JSON.stringify(e));
    if (e?.meta !== undefined) data.meta = e.meta;
    if (!code && e?.name === 'SchemaConnectorError') {
      // The wasm engine reports connector errors as plain text plus a span
      // trace, without the Pxxxx code and database error the native engine
      // renders. Rebuild the common cases from the trace and the last
      // PostgreSQL error seen by the adapter.
      const full = String(data.message);
      const at = full.search(/\n\s+0: /);
      const head = at === -1 ? full : full.slice(0, at);
      const trace = at === -1 ? '' : full.slice(at + 1);
      const migration = /migration_name="([^"]+)"/.exec(trace)?.[1];
      const db = lastDbError;
      const dbCode = db?.code ?? 'unknown';
      const dbMessage = db?.message ? `ERROR: ${db.message}` : head;
      if (migration && db?.role === 'shadow') {
        code = 'P3006';
        data.message = `Migration \`${migration}\` failed to apply cleanly to the shadow database. \nError code: ${code}\nError:\n${dbMessage}`;
        data.meta = { migration_name: migration, inner_error: dbMessage };
      } else if (migration && method === 'applyMigrations') {
        code = 'P3018';
        data.message =
          'A migration failed to apply. New migrations cannot be applied before the error is recovered from. Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve' +
          `\n\nMigration name: ${migration}\n\nDatabase error code: ${dbCode}\n\nDatabase error:\n${dbMessage}\n`;
        data.meta = { migration_name: migration, database_error_code: dbCode, database_error: dbMessage };
      } else {
        data.message = db
          ? `${head}\n\nDatabase error code: ${dbCode}\n\nDatabase error:\n${dbMessage}`
          : head;
      }
      if (trace) data.backtrace = trace;
    }
    // JS exceptions thrown inside the adapter surface as "External error id#N".
    data.message = String(data.message).replace(/External error id#(\d+)/g, (m, id) => {
      const record = boundFactory.errorRegistry?.consumeError?.(Number(id));
      return record ? String(record.error?.message ?? record.error) : m;
    });
    if (code && e?.name === 'SchemaConnectorError' && !data.backtrace) {
      // Coded errors (e.g. P3006) can still embed the span trace and a vague
      // "external connector error": move the trace out, add the database error.
      const full = String(data.message);
      const at = full.search(/\n\s+0: /);
      if (at !== -1) {
        data.backtrace = full.slice(at + 1);
        data.message = full.slice(0, at);
      }
      if (lastDbError && /external connector error/.test(data.message)) {
        data.message += `\n\nDatabase error code: ${lastDbError.code ?? 'unknown'}\n\nDatabase error:\nERROR: ${lastDbError.message}`;
      }
    }
    if (code) data.error_code = code;
    return { code: RPC_ERROR_CODE, message: 'An error happened. Check the data field for details.', data };
  };

  const SHADOW_FACTORY_ERROR = 'shadow DB must be provided through an external factory';

  // Methods the wasm engine does not have, or needs help with.
  const handlers = {
    async getDatabaseVersion() {
      const engine = await getEngine();
      return engine.version();
    },
    async createDatabase(params) {
      const url = params?.datasource?.url ?? args.datasource?.url;
      if (!url) throw userError(undefined, 'createDatabase needs a connection string');
      const { config } = parsePostgresUrl(url);
      await withAdminClient(
        { ...config, database: config.database === 'postgres' ? 'template1' : 'postgres' },
        (c) => c.query(`CREATE DATABASE ${quoteIdent(config.database)}`),
      );
      return { databaseName: config.database };
    },
    async diff(params) {
      const engine = await getEngine();
      const result = await engine.diff(params);
      // The native engine prints the diff through a `print` request to the
      // CLI and returns no stdout; the wasm engine returns it instead.
      if (result && typeof result.stdout === 'string') {
        const content = result.stdout.replace(/\n$/, '');
        await callClient('print', { content });
        return { ...result, stdout: null };
      }
      return result;
    },
  };

  // evaluateDataLoss/createMigration compute "schema of the migrations" from a
  // cache that only diagnose/devDiagnostic fill using the shadow factory; if
  // the cache misses, the wasm engine errors out. Warm it and retry once.
  const withShadowRetry = (method) => async (params) => {
    const engine = await getEngine();
    try {
      return await engine[method](params);
    } catch (err) {
      if (!String(err?.message ?? '').includes(SHADOW_FACTORY_ERROR)) throw err;
      log('INFO', `${method}: warming the migration schema cache through the shadow database, then retrying`);
      await engine.devDiagnostic({
        migrationsList: params.migrationsList,
        filters: params.filters ?? { externalTables: [], externalEnums: [] },
      });
      return await engine[method](params);
    }
  };
  handlers.evaluateDataLoss = withShadowRetry('evaluateDataLoss');
  handlers.createMigration = withShadowRetry('createMigration');

  const WASM_METHODS = new Set([
    'applyMigrations',
    'createMigration',
    'dbExecute',
    'devDiagnostic',
    'diagnoseMigrationHistory',
    'diff',
    'ensureConnectionValidity',
    'evaluateDataLoss',
    'introspect',
    'introspectSql',
    'markMigrationApplied',
    'markMigrationRolledBack',
    'reset',
    'schemaPush',
    'version',
  ]);

  const dispatch = async (method, params) => {
    if (method === 'debugPanic') {
      const engine = await getEngine();
      engine.debugPanic();
      return {};
    }
    if (handlers[method]) return handlers[method](params);
    if (!WASM_METHODS.has(method)) {
      const e = new Error(`Method not found: ${method}`);
      e.rpcCode = -32601;
      throw e;
    }
    const engine = await getEngine();
    const result = await engine[method](params ?? {});
    return result === undefined ? {} : result;
  };

  // One request at a time: wasm-bindgen objects cannot be re-entered.
  let queue = Promise.resolve();
  let exitCode = 0;
  let panicked = false;

  const handleRequest = async (msg) => {
    const started = Date.now();
    let response;
    lastDbError = undefined;
    try {
      const result = await dispatch(msg.method, msg.params);
      response = { jsonrpc: '2.0', result: result ?? null, id: msg.id };
    } catch (err) {
      if (err?.rpcCode) {
        response = { jsonrpc: '2.0', error: { code: err.rpcCode, message: err.message }, id: msg.id };
      } else {
        const error = translateError(err, msg.method);
        if (error.data.is_panic) panicked = true;
        response = { jsonrpc: '2.0', error, id: msg.id };
        log('ERROR', error.data.message, error.data.error_code ? { error_code: error.data.error_code } : {});
      }
    }
    // Never hand control back to the CLI with a temporary database alive: it
    // may kill this process as soon as it has its answer.
    await dropAllShadowDatabases();
    log('DEBUG', `${msg.method} done in ${Date.now() - started} ms`);
    await writeMessage(response);
    if (panicked) {
      exitCode = 101;
      await shutdown();
    }
  };

  let shuttingDown = false;
  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    await dropAllShadowDatabases();
    await factory.disposeAll().catch(() => {});
    process.exit(exitCode);
  };

  process.on('SIGTERM', () => {
    dropAllShadowDatabases().finally(() => process.exit(0));
  });
  process.on('SIGINT', () => {
    dropAllShadowDatabases().finally(() => process.exit(130));
  });

  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let msg;
    try {
      msg = JSON.parse(line);
    } catch (err) {
      writeMessage({
        jsonrpc: '2.0',
        error: { code: -32700, message: `Parse error: ${err.message}` },
        id: null,
      });
      return;
    }
    if (msg.method === undefined && msg.id !== undefined && pendingOutgoing.has(msg.id)) {
      // Reply to one of our own requests (print); handled out of the queue.
      const resolve = pendingOutgoing.get(msg.id);
      pendingOutgoing.delete(msg.id);
      resolve(msg);
      return;
    }
    if (typeof msg.method !== 'string') return;
    queue = queue.then(() => handleRequest(msg));
  });
  rl.on('close', () => {
    queue.then(shutdown, shutdown);
  });

  log('INFO', 'Starting schema engine RPC server (Suture wasm bridge)', { git_hash: engineHash() });
}

// ---------------------------------------------------------------------------

async function main() {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    log('ERROR', err.message);
    process.exit(1);
  }
  if (args.version) {
    process.stdout.write(`schema-engine-cli ${engineHash()}\n`);
    return;
  }
  if (args.help) {
    process.stdout.write(
      'Suture schema-engine bridge (Prisma schema engine over WebAssembly, PostgreSQL only)\n' +
        'Usage: schema-engine.mjs [--datamodels <file>]... [--datasource <json>] [cli <can-connect-to-database|create-database|drop-database>]\n',
    );
    return;
  }
  if (args.cli) {
    process.exitCode = await runCliCommand(args);
    return;
  }
  await runRpcServer(args);
}

main().catch((err) => {
  log('ERROR', err?.stack ?? String(err));
  dropAllShadowDatabases().finally(() => process.exit(1));
});
