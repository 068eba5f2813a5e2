import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const execFileAsync = promisify(execFile);
const binary = fileURLToPath(new URL('../../../../.data/tools/temporal-venv/bin/temporal', import.meta.url));

export type TemporalDevServer = {
  grpcPort: number;
  uiPort: number;
  httpPort: number;
  /** Starts a workflow no worker serves, so it waits (as a healing run waits for approval). */
  startWaitingWorkflow: (id: string) => Promise<void>;
  /** The names of the signals the workflow's history holds. */
  signalsOf: (id: string) => Promise<string[]>;
  stop: () => Promise<void>;
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/**
 * The real Temporal dev server (the CLI `npm start` installs under .data/tools), with its gRPC frontend, Web UI
 * and HTTP API on free loopback ports: the services the hostile install script went for.
 */
type Started = { child: ChildProcess; grpcPort: number; uiPort: number; httpPort: number };

/** One try: free ports, spawn, wait (bounded by 90 s) until the frontend answers or the server exits. */
const tryStart = async (dir: string): Promise<Started | null> => {
  const [grpcPort, uiPort, httpPort, metricsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    binary,
    ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(grpcPort), '--ui-port', String(uiPort), '--http-port', String(httpPort), '--metrics-port', String(metricsPort), '--db-filename', join(dir, `temporal-${grpcPort}.db`), '--log-level', 'error'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline && child.exitCode === null) {
    const ready = await execFileAsync(binary, ['operator', 'namespace', 'describe', '--namespace', 'default', '--address', `127.0.0.1:${grpcPort}`], { timeout: 20_000 }).then(() => true, () => false);
    if (ready) return { child, grpcPort, uiPort, httpPort };
    await sleep(500);
  }
  child.kill('SIGKILL');
  return null;
};

/**
 * The real Temporal dev server (the CLI `npm start` installs under .data/tools), with its gRPC frontend, Web UI
 * and HTTP API on free loopback ports: the services the hostile install script went for. A port another
 * process took between our probe and the server's bind costs a retry (at most three).
 */
export const startTemporalDevServer = async (): Promise<TemporalDevServer> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-egress-temporal-'));
  let started: Started | null = null;
  for (let attempt = 0; attempt < 3 && !started; attempt += 1) started = await tryStart(dir);
  if (!started) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`the Temporal dev server (${binary}) did not come up`);
  }
  const { child, grpcPort, uiPort, httpPort } = started;
  const cli = (args: string[]) => execFileAsync(binary, [...args, '--address', `127.0.0.1:${grpcPort}`], { timeout: 20_000 });
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  };
  return {
    grpcPort,
    uiPort,
    httpPort,
    startWaitingWorkflow: async (id) => {
      await cli(['workflow', 'start', '--type', 'healRun', '--task-queue', 'suture-egress-test', '--workflow-id', id]);
    },
    signalsOf: async (id) => {
      const { stdout } = await cli(['workflow', 'show', '--workflow-id', id, '--output', 'json']);
      const history = JSON.parse(stdout) as { events?: Array<{ eventType?: string; workflowExecutionSignaledEventAttributes?: { signalName?: string } }> };
      return (history.events ?? []).flatMap((event) => {
        const name = event.workflowExecutionSignaledEventAttributes?.signalName;
        return name ? [name] : [];
      });
    },
    stop,
  };
};
