// Runs the built dashboard (`next start`) as a child process on a free port for integration tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '../../../scripts/stack/process-utils.ts';

const webDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const nextBin = createRequire(import.meta.url).resolve('next/dist/bin/next');

export type WebServer = {
  baseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
  /** SIGKILL, as a crash would: no shutdown hooks run. */
  kill: () => Promise<void>;
};

export const startWebServer = async (env: Record<string, string>): Promise<WebServer> => {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let output = '';
  const server: ChildProcess = spawn(
    process.execPath,
    [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: webDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.on('error', (error) => (output += `spawn failed: ${error.message}\n`));
  server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const up = await waitFor(async () => (await fetch(`${baseUrl}/api/health`)).status > 0, 60_000, 250);
  if (!up) {
    server.kill('SIGKILL');
    throw new Error(`next start did not answer:\n${output}`);
  }
  return {
    baseUrl,
    output: () => output,
    kill: async () => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    },
  };
};
