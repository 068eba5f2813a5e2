// What controlled egress costs the install phase. Usage: npx tsx packages/core/scripts/bench-egress.ts [runs]
// 1. `npm ci` of a small and of a larger real registry dependency: on the host's network (what the install
//    phase had before: --share-net) vs inside the sandbox through the egress proxy. Fresh npm cache every run,
//    interleaved so machine noise hits both alike.
// 2. Proxy throughput: the relay alone (loopback socket pairs, 256 MiB) and a real registry tarball fetched
//    through the proxy vs directly.
import { execFile } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { z } from 'zod';
import { buildEgressEnv } from '../src/egress/build-egress-env.ts';
import { findHostCaBundle } from '../src/egress/find-host-ca-bundle.ts';
import { prepareSandboxEgress } from '../src/egress/prepare-sandbox-egress.ts';
import { relayEgressTunnel } from '../src/egress/relay-egress-tunnel.ts';
import { startEgressProxy } from '../src/egress/start-egress-proxy.ts';
import { buildSandboxEnv } from '../src/execution/build-sandbox-env.ts';
import { createLocalSandbox } from '../src/execution/create-local-sandbox.ts';
import { resolveSandboxLimits } from '../src/execution/resolve-sandbox-limits.ts';
import { runProcessGroup } from '../src/execution/run-process-group.ts';

const execFileAsync = promisify(execFile);
const env = z.object({ PATH: z.string().default('/usr/local/bin:/usr/bin:/bin'), HOME: z.string().default('/root') }).parse(process.env);
const runs = z.coerce.number().int().min(3).max(50).parse(process.argv[2] ?? '5');
const toolsDir = new URL('../../../.data/tools', import.meta.url).pathname;
const policy = { rules: [{ host: 'registry.npmjs.org', port: 443 }] };
const limits = resolveSandboxLimits({ overrides: { wallTimeMs: 300_000 } });

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
};
const stats = (values: number[], unit: string, digits = 0): string => `median ${quantile(values, 0.5).toFixed(digits)} ${unit}, p95 ${quantile(values, 0.95).toFixed(digits)} ${unit}`;

/** A project with a lockfile for `spec`, resolved once from the registry (on the host). */
const makeProject = async (spec: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-bench-egress-project-'));
  await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'bench', version: '1.0.0', private: true }));
  await execFileAsync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--save-exact', spec], { cwd: dir, timeout: 120_000 });
  return dir;
};

const setup = await prepareSandboxEgress({ toolsDir, searchPath: env.PATH, home: env.HOME });
const sandbox = await createLocalSandbox({ searchPath: env.PATH, isRoot: process.getuid?.() === 0, currentUid: process.getuid?.() ?? 0, egress: setup });
const caBundle = await findHostCaBundle();

console.log(`machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}, load ${loadavg().map((value) => value.toFixed(1)).join(' ')}, ${runs} runs per variant`);
for (const spec of ['is-number@7.0.0', 'typescript@5.6.3']) {
  const project = await makeProject(spec);
  const host: number[] = [];
  const boxed: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const bare = await mkdtemp(join(tmpdir(), 'suture-bench-egress-'));
    await cp(project, bare, { recursive: true });
    const hostEnv = { ...buildSandboxEnv(), ...(caBundle ? { NODE_EXTRA_CA_CERTS: caBundle } : {}), HOME: bare, npm_config_cache: join(bare, '.suture-cache', 'npm') };
    const started = performance.now();
    const result = await runProcessGroup({ argv: ['/bin/sh', '-c', 'npm ci --no-audit --no-fund'], cwd: bare, env: hostEnv, wallTimeMs: 300_000, outputBytes: 1 << 20 });
    host.push(performance.now() - started);
    if (result.exitCode !== 0) throw new Error(`host npm ci failed: ${result.stderr}`);
    await rm(bare, { recursive: true, force: true });

    const scratch = await mkdtemp(join(tmpdir(), 'suture-bench-egress-'));
    await chmod(scratch, 0o711);
    await cp(project, join(scratch, 'w'), { recursive: true });
    const startedBoxed = performance.now();
    const boxedResult = await sandbox.run({ workspaceDir: join(scratch, 'w'), workspaceMode: 'in-place', command: 'npm ci --no-audit --no-fund', egress: { policy }, limits });
    boxed.push(performance.now() - startedBoxed);
    if (boxedResult.exitCode !== 0) throw new Error(`sandboxed npm ci failed: ${boxedResult.stderr}`);
    await rm(scratch, { recursive: true, force: true });
  }
  console.log(`npm ci ${spec.padEnd(18)} host network ${stats(host, 'ms')} | sandbox + egress proxy ${stats(boxed, 'ms')} | overhead median ${(quantile(boxed, 0.5) - quantile(host, 0.5)).toFixed(0)} ms`);
  await rm(project, { recursive: true, force: true });
}

// The relay alone: loopback socket pairs, so the number is the proxy's data path, not the network.
const pair = async (): Promise<[Socket, Socket]> => {
  const server = createServer({ allowHalfOpen: true });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const accepted = new Promise<Socket>((resolve) => server.once('connection', resolve));
  const outer = connect({ port: typeof address === 'object' && address ? address.port : 0, host: '127.0.0.1' });
  const inner = await accepted;
  server.close();
  return [outer, inner];
};
const relayRates: number[] = [];
const relayBytes = 256 * 1024 * 1024;
for (let i = 0; i < runs; i += 1) {
  const [client, clientRelay] = await pair();
  const [upstream, upstreamRelay] = await pair();
  const relay = relayEgressTunnel({ client: clientRelay, upstream: upstreamRelay, head: Buffer.alloc(0), budget: { remaining: relayBytes * 2 }, idleMs: 30_000 });
  const chunk = Buffer.alloc(64 * 1024, 7);
  let received = 0;
  const done = new Promise<void>((resolve) => {
    client.on('data', (data: Buffer) => {
      received += data.length;
      if (received >= relayBytes) resolve();
    });
  });
  const started = performance.now();
  for (let sent = 0; sent < relayBytes; sent += chunk.length) {
    if (!upstream.write(chunk)) await new Promise((resolve) => upstream.once('drain', resolve));
  }
  await done;
  relayRates.push(relayBytes / 1024 / 1024 / ((performance.now() - started) / 1000));
  client.destroy();
  upstream.destroy();
  await relay;
}
console.log(`relay throughput (256 MiB over loopback pairs): ${stats(relayRates, 'MiB/s')}`);

// A real tarball from the registry, through the proxy and directly.
const tarball = '/typescript/-/typescript-5.6.3.tgz';
const fetchOnce = async (socket: Socket): Promise<number> =>
  new Promise((resolve, reject) => {
    const secure = tlsConnect({ socket, servername: 'registry.npmjs.org' });
    let bytes = 0;
    const started = performance.now();
    secure.on('secureConnect', () => secure.write(`GET ${tarball} HTTP/1.1\r\nHost: registry.npmjs.org\r\nConnection: close\r\n\r\n`));
    secure.on('data', (data: Buffer) => {
      bytes += data.length;
    });
    secure.on('end', () => resolve(bytes / 1024 / 1024 / ((performance.now() - started) / 1000)));
    secure.on('error', reject);
  });
const dir = await mkdtemp(join(tmpdir(), 'suture-bench-egress-proxy-'));
await mkdir(dir, { recursive: true });
const proxy = await startEgressProxy({ socketPath: join(dir, 'proxy.sock'), policy });
const viaProxy: number[] = [];
const direct: number[] = [];
for (let i = 0; i < runs; i += 1) {
  const raw = connect(proxy.socketPath);
  raw.write('CONNECT registry.npmjs.org:443 HTTP/1.1\r\nHost: registry.npmjs.org:443\r\n\r\n');
  await new Promise<void>((resolve) => raw.once('data', () => resolve()));
  viaProxy.push(await fetchOnce(raw));
  direct.push(await fetchOnce(connect({ host: 'registry.npmjs.org', port: 443 })));
}
const report = await proxy.close();
await rm(dir, { recursive: true, force: true });
console.log(`registry tarball (${(report.bytesDown / runs / 1024 / 1024).toFixed(1)} MiB each): direct ${stats(direct, 'MiB/s', 1)} | through the proxy ${stats(viaProxy, 'MiB/s', 1)}`);
console.log(`proxy env the sandbox gets: ${Object.keys(buildEgressEnv({ port: 3128 })).join(' ')}`);
