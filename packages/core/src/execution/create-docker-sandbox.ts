import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { startSandboxEgress, sandboxEgressMount, type SandboxEgress } from '../egress/start-sandbox-egress.ts';
import { AppError } from '../errors/app-error.ts';
import { buildDockerCreateOptions } from './build-docker-create-options.ts';
import { buildSandboxEnv } from './build-sandbox-env.ts';
import { copyWorkspace } from './copy-workspace.ts';
import { demuxDockerStream } from './demux-docker-stream.ts';
import { readCollectedFiles } from './read-collected-files.ts';
import type { Sandbox, SandboxRunRequest, SandboxRunResult } from './sandbox-types.ts';

export type CreateDockerSandboxOptions = {
  /** Unix socket of the engine (e.g. /var/run/docker.sock). */
  socketPath: string;
  image: string;
  cpus?: number;
  /** Container user; the workspace copy is chowned to it (as root use an unprivileged id such as 65534, otherwise your own). */
  user: { uid: number; gid: number };
  tempDir?: string;
  /** Pull the image when the engine does not have it (needs the engine to have network). */
  pullMissingImage?: boolean;
  /** Static egress forwarder and CA bundle (host paths) for runs that ask for egress; see createLocalSandbox. */
  egress?: { forwarderPath: string; caBundlePath: string | null } | null;
  /** A client for another engine API version or socket; defaults to one on socketPath. */
  docker?: Docker;
};

const execFileAsync = promisify(execFile);

const isStatus = (error: unknown, status: number): boolean => typeof error === 'object' && error !== null && (error as { statusCode?: number }).statusCode === status;

const pull = async (docker: Docker, image: string): Promise<void> => {
  const stream = await docker.pull(image);
  await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve())));
};

/** Docker Engine backend via dockerode: one container per run, with the workspace copy bind-mounted. */
export const createDockerSandbox = (options: CreateDockerSandboxOptions): Sandbox => {
  const docker = options.docker ?? new Docker({ socketPath: options.socketPath });
  const run = async (request: SandboxRunRequest): Promise<SandboxRunResult> => {
    const runDir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'suture-docker-'));
    const runId = randomUUID();
    let egress: SandboxEgress | null = null;
    try {
      await chmod(runDir, 0o711);
      const inPlace = request.workspaceMode === 'in-place';
      const workspace = inPlace ? request.workspaceDir : join(runDir, 'workspace');
      const owner = options.user;
      if (!inPlace) await copyWorkspace({ sourceDir: request.workspaceDir, targetDir: workspace, owner });
      else await execFileAsync('chown', ['-R', '-h', `${owner.uid}:${owner.gid}`, workspace]);
      if (request.egress) {
        if (!options.egress) throw new AppError('UNAVAILABLE', 'this run asks for registry access, but the docker sandbox has no egress forwarder configured (ensureEgressForwarder)');
        egress = await startSandboxEgress({ runDir, request: request.egress, ...options.egress, owner });
      }
      const createOptions = buildDockerCreateOptions({
        image: options.image,
        command: request.command,
        cwd: request.cwd,
        env: { ...buildSandboxEnv({ env: request.env }), ...egress?.env },
        readOnlyBinds: [...(request.readOnlyBinds ?? []), ...(egress ? [{ source: egress.hostDir, target: sandboxEgressMount }] : [])],
        launcher: egress?.launcher,
        limits: request.limits,
        workspaceHostDir: workspace,
        cpus: options.cpus ?? 1,
        user: `${owner.uid}:${owner.gid}`,
        runId,
      });
      const container = await docker.createContainer(createOptions).catch(async (error: unknown) => {
        if (!isStatus(error, 404) || !options.pullMissingImage) throw new AppError('UNAVAILABLE', `docker create failed for image ${options.image}`, { cause: error });
        await pull(docker, options.image);
        return docker.createContainer(createOptions);
      });
      try {
        const startedAtMs = Date.now();
        const started = performance.now();
        await container.start();
        let timedOut = false;
        let aborted = false;
        const kill = (): void => {
          container.kill({ signal: 'SIGKILL' }).catch(() => undefined);
        };
        const timer = setTimeout(() => {
          timedOut = true;
          kill();
        }, request.limits.wallTimeMs);
        const onAbort = (): void => {
          aborted = true;
          kill();
        };
        request.signal?.addEventListener('abort', onAbort, { once: true });
        const waited = (await container.wait().finally(() => {
          clearTimeout(timer);
          request.signal?.removeEventListener('abort', onAbort);
        })) as { StatusCode?: number };
        const wallTimeMs = Math.round(performance.now() - started);
        const logs: unknown = await container.logs({ stdout: true, stderr: true, timestamps: true, follow: false });
        const chunks = demuxDockerStream({ buffer: Buffer.isBuffer(logs) ? logs : Buffer.from(String(logs)), startedAtMs });
        const egressReport = egress ? await egress.close() : null;
        const state = ((await container.inspect()) as { State?: { ExitCode?: number; OOMKilled?: boolean } }).State ?? {};
        const exitCode = waited.StatusCode ?? state.ExitCode ?? null;
        const join = (stream: 'stdout' | 'stderr'): string => chunks.filter((chunk) => chunk.stream === stream).map((chunk) => chunk.text).join('');
        const limit = request.limits.outputBytes;
        const stdout = join('stdout');
        const stderr = join('stderr');
        return {
          backend: 'docker',
          command: request.command,
          exitCode: timedOut || aborted ? null : exitCode,
          signal: timedOut || aborted || exitCode === 137 ? 'SIGKILL' : null,
          timedOut,
          limitHit: timedOut ? 'wall-time' : aborted ? 'aborted' : state.OOMKilled ? 'memory' : null,
          startedAt: new Date(startedAtMs).toISOString(),
          wallTimeMs,
          resourceUsage: null,
          stdout: stdout.slice(0, limit),
          stderr: stderr.slice(0, limit),
          chunks,
          outputTruncated: stdout.length > limit || stderr.length > limit,
          files: request.collectPaths?.length ? await readCollectedFiles({ rootDir: workspace, paths: request.collectPaths, ...request.collectLimits }) : [],
          egress: egressReport,
        };
      } finally {
        await container.remove({ force: true }).catch(() => undefined);
      }
    } finally {
      await egress?.close();
      await rm(runDir, { recursive: true, force: true });
    }
  };
  return { backend: 'docker', run };
};
