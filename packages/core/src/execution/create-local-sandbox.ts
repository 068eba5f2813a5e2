import { execFile } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { startSandboxEgress, sandboxEgressMount, type SandboxEgress } from '../egress/start-sandbox-egress.ts';
import { AppError } from '../errors/app-error.ts';
import { buildBwrapArgs } from './build-bwrap-args.ts';
import { buildSandboxEnv } from './build-sandbox-env.ts';
import { copyWorkspace } from './copy-workspace.ts';
import { countUserTasks } from './count-user-tasks.ts';
import { detectRootLayout } from './detect-root-layout.ts';
import { findExecutable } from './find-executable.ts';
import { readCollectedFiles } from './read-collected-files.ts';
import { runProcessGroup } from './run-process-group.ts';
import type { Sandbox, SandboxRunRequest, SandboxRunResult } from './sandbox-types.ts';
import { parseProcStat, wrapCommand } from './wrap-command.ts';

export type CreateLocalSandboxOptions = {
  /** Host PATH used to find bwrap, prlimit and setpriv (the CLI passes its own). */
  searchPath: string;
  /** Whether we run as root; then each run gets its own unprivileged uid so RLIMIT_NPROC is enforced. */
  isRoot: boolean;
  /** Our uid when not root: the sandbox then runs as us through an unprivileged user namespace. */
  currentUid: number;
  /** First uid handed to runs when root; runs use baseUid + slot. */
  baseUid?: number;
  toolchainPaths?: string[];
  extraPath?: string[];
  readOnlyPaths?: string[];
  tempDir?: string;
  /**
   * Host path of the static egress forwarder (ensureEgressForwarder) and the CA bundle to trust inside, for
   * runs that ask for egress. Without a forwarder such runs fail: no run ever gets the host's network instead.
   */
  egress?: { forwarderPath: string; caBundlePath: string | null } | null;
};

const execFileAsync = promisify(execFile);

const missingTool = (tool: string, pkg: string): AppError =>
  new AppError('UNAVAILABLE', `${tool} not found on PATH: the local sandbox needs it. Install the "${pkg}" package (e.g. apt-get install -y ${pkg}).`, {
    details: { tool, package: pkg },
  });

/**
 * The default backend: bubblewrap namespaces for isolation, setrlimit (via prlimit) for CPU, memory (RLIMIT_DATA)
 * and processes, and a wall-time kill of the whole process group. cgroups are not used: they are often not
 * writable (nested containers, CI runners) and rlimits work everywhere bwrap does.
 */
export const createLocalSandbox = async (options: CreateLocalSandboxOptions): Promise<Sandbox> => {
  const bwrap = await findExecutable({ name: 'bwrap', searchPath: options.searchPath });
  if (!bwrap) throw missingTool('bubblewrap (bwrap)', 'bubblewrap');
  const prlimit = await findExecutable({ name: 'prlimit', searchPath: options.searchPath });
  if (!prlimit) throw missingTool('prlimit', 'util-linux');
  const setpriv = options.isRoot ? await findExecutable({ name: 'setpriv', searchPath: options.searchPath }) : null;
  if (options.isRoot && !setpriv) throw missingTool('setpriv', 'util-linux');
  const rootLayout = await detectRootLayout();
  // Distinct per process so parallel workers (vitest, two CLI runs) don't share one RLIMIT_NPROC budget.
  const baseUid = options.baseUid ?? 200_000 + (process.pid % 4096) * 64;
  const busySlots = new Set<number>();

  const run = async (request: SandboxRunRequest): Promise<SandboxRunResult> => {
    let slot = 0;
    while (busySlots.has(slot)) slot += 1;
    busySlots.add(slot);
    const uid = options.isRoot ? baseUid + slot : options.currentUid;
    const runDir = await mkdtemp(join(options.tempDir ?? tmpdir(), 'suture-run-'));
    let egress: SandboxEgress | null = null;
    try {
      // The unprivileged bwrap must be able to traverse to the bind source.
      await chmod(runDir, 0o711);
      const inPlace = request.workspaceMode === 'in-place';
      const workspace = inPlace ? request.workspaceDir : join(runDir, 'workspace');
      if (!inPlace) await copyWorkspace({ sourceDir: request.workspaceDir, targetDir: workspace, owner: options.isRoot ? { uid, gid: uid } : undefined });
      // In place is only used on our own copies (the install phase); the run's uid must own it to write.
      else if (options.isRoot) await execFileAsync('chown', ['-R', '-h', `${uid}:${uid}`, workspace]);
      if (request.egress) {
        if (!options.egress) throw new AppError('UNAVAILABLE', 'this run asks for registry access, but the sandbox has no egress forwarder configured (ensureEgressForwarder)');
        egress = await startSandboxEgress({ runDir, request: request.egress, ...options.egress, owner: options.isRoot ? { uid, gid: uid } : undefined });
      }
      // The egress variables come last: a workflow's own HTTPS_PROXY could not reach anything anyway.
      const env = { ...buildSandboxEnv({ extraPath: options.extraPath, env: request.env }), ...egress?.env };
      const bwrapArgs = buildBwrapArgs({
        rootLayout,
        workspaceHostDir: workspace,
        cwd: request.cwd,
        env,
        readOnlyBinds: [...(request.readOnlyBinds ?? []), ...(egress ? [{ source: egress.hostDir, target: sandboxEgressMount }] : [])],
        tmpBytes: request.limits.tmpBytes,
        readOnlyPaths: options.readOnlyPaths,
        toolchainPaths: options.toolchainPaths,
      });
      const { limits } = request;
      // RLIMIT_NPROC counts every thread of the uid; as non-root that includes our own, so it is an offset.
      const nproc = options.isRoot ? limits.processes : limits.processes + (await countUserTasks({ uid }));
      const limitArgs = [
        `--nproc=${nproc}:${nproc}`,
        `--data=${limits.memoryBytes}:${limits.memoryBytes}`,
        `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds}`,
        `--fsize=${limits.fileSizeBytes}:${limits.fileSizeBytes}`,
        '--core=0:0',
      ];
      const dropPrivileges = setpriv ? [setpriv, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', '--inh-caps=-all', '--bounding-set=-all'] : [];
      const argv = [prlimit, ...limitArgs, '--', ...dropPrivileges, bwrap, ...bwrapArgs, ...wrapCommand({ command: request.command, launcher: egress?.launcher })];
      const result = await runProcessGroup({
        argv,
        env: { PATH: '/usr/bin:/bin' },
        wallTimeMs: limits.wallTimeMs,
        outputBytes: limits.outputBytes,
        signal: request.signal,
      });
      const egressReport = egress ? await egress.close() : null;
      const files = request.collectPaths?.length ? await readCollectedFiles({ rootDir: workspace, paths: request.collectPaths, ...request.collectLimits }) : [];
      // The wrapper exits 128+n when the command died from signal n.
      const signalled = result.exitCode !== null && result.exitCode > 128 && result.exitCode < 160;
      return {
        backend: 'local',
        command: request.command,
        exitCode: result.timedOut || result.aborted ? null : result.exitCode,
        signal: result.signal ?? (signalled && result.exitCode !== null ? signalName(result.exitCode - 128) : null),
        timedOut: result.timedOut,
        limitHit: result.timedOut ? 'wall-time' : result.aborted ? 'aborted' : null,
        startedAt: result.startedAt,
        wallTimeMs: result.wallTimeMs,
        resourceUsage: parseProcStat({ text: result.fd3 }),
        stdout: result.stdout,
        stderr: result.stderr,
        chunks: result.chunks,
        outputTruncated: result.outputTruncated,
        files,
        egress: egressReport,
      };
    } finally {
      await egress?.close();
      busySlots.delete(slot);
      await rm(runDir, { recursive: true, force: true });
    }
  };

  return { backend: 'local', run };
};

const signalNames: Record<number, string> = { 1: 'SIGHUP', 2: 'SIGINT', 6: 'SIGABRT', 9: 'SIGKILL', 11: 'SIGSEGV', 13: 'SIGPIPE', 15: 'SIGTERM', 24: 'SIGXCPU', 25: 'SIGXFSZ' };
const signalName = (signal: number): string => signalNames[signal] ?? `SIG${signal}`;
