import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';
import { AppError } from '../errors/app-error.ts';
import { buildSandboxEnv } from './build-sandbox-env.ts';
import { quoteShellArg } from './quote-shell-arg.ts';
import { sandboxWorkspacePath, type CollectedFile, type Sandbox, type SandboxRunRequest, type SandboxRunResult } from './sandbox-types.ts';

const execFileAsync = promisify(execFile);

export type CreateFreestyleSandboxOptions = {
  apiKey: string;
  baseUrl?: string;
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch;
  /** Per HTTP call, on top of the run's own wall time for exec. */
  requestTimeoutMs?: number;
};

const createdSchema = z.object({ id: z.string() });
const execSchema = z.object({ stdout: z.string().nullish(), stderr: z.string().nullish(), statusCode: z.number().nullish() });
const fileSchema = z.object({ content: z.string() });

const q = (value: string): string => quoteShellArg({ value });
const archivePath = '/tmp/suture-workspace.tgz.b64';

/**
 * Freestyle VMs (https://docs.freestyle.sh, API v1): POST /v1/vms with the workspace as a base64 tarball in
 * additionalFiles, POST /v1/vms/{id}/exec-await to unpack and to run, GET /v1/vms/{id}/files/{path} for result
 * files, DELETE /v1/vms/{id} always. The VM is the isolation boundary (fresh VM per run, no network unless a
 * firewall rule allows it); inside, the command still gets our scrubbed env, rlimits and a KILL at the wall limit.
 */
export const createFreestyleSandbox = (options: CreateFreestyleSandboxOptions): Sandbox => {
  const baseUrl = (options.baseUrl ?? 'https://api.freestyle.sh').replace(/\/$/, '');
  const doFetch = options.fetch ?? fetch;
  const call = async (method: string, path: string, body: unknown, timeoutMs: number): Promise<unknown> => {
    const response = await doFetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    }).catch((error: unknown) => {
      throw new AppError('UNAVAILABLE', `freestyle ${method} ${path} failed`, { cause: error });
    });
    const text = await response.text();
    if (!response.ok) {
      const code = response.status === 401 || response.status === 403 ? 'UNAUTHORIZED' : response.status >= 500 ? 'UNAVAILABLE' : 'BAD_INPUT';
      throw new AppError(code, `freestyle ${method} ${path}: HTTP ${response.status} ${text.slice(0, 300)}`);
    }
    return text ? (JSON.parse(text) as unknown) : {};
  };
  const requestTimeout = options.requestTimeoutMs ?? 60_000;

  const run = async (request: SandboxRunRequest): Promise<SandboxRunResult> => {
    const { limits } = request;
    const { stdout: archive } = await execFileAsync('tar', ['-C', request.workspaceDir, '--exclude=./.suture-results', '-czf', '-', '.'], { encoding: 'buffer', maxBuffer: 512 * 1024 * 1024 });
    const wallSeconds = Math.max(1, Math.ceil(limits.wallTimeMs / 1000));
    const created = createdSchema.parse(
      await call('POST', '/v1/vms', {
        workdir: sandboxWorkspacePath,
        idleTimeoutSeconds: wallSeconds + 120,
        waitForReadySignal: true,
        ports: [],
        additionalFiles: { [archivePath]: { content: archive.toString('base64') } },
      }, requestTimeout),
    );
    const vm = `/v1/vms/${encodeURIComponent(created.id)}`;
    try {
      const unpack = `mkdir -p ${sandboxWorkspacePath} && base64 -d ${archivePath} | tar -xzf - -C ${sandboxWorkspacePath} && rm -f ${archivePath}`;
      const unpacked = execSchema.parse(await call('POST', `${vm}/exec-await`, { command: unpack, timeoutMs: requestTimeout }, requestTimeout));
      if ((unpacked.statusCode ?? 0) !== 0) throw new AppError('UNAVAILABLE', `freestyle: unpacking the workspace failed: ${unpacked.stderr ?? ''}`);
      const env = Object.entries(buildSandboxEnv({ env: request.env })).map(([key, value]) => q(`${key}=${value}`)).join(' ');
      const kib = (bytes: number): number => Math.floor(bytes / 1024);
      const limited = `ulimit -t ${limits.cpuSeconds}; ulimit -f ${Math.floor(limits.fileSizeBytes / 512)}; ulimit -d ${kib(limits.memoryBytes)}; ulimit -u ${limits.processes} 2>/dev/null; exec /bin/sh -c ${q(request.command)}`;
      const cwd = `${sandboxWorkspacePath}/${request.cwd ?? '.'}`;
      const command = `cd ${q(cwd)} && exec env -i ${env} timeout -s KILL ${wallSeconds} /bin/sh -c ${q(limited)}`;
      const startedAt = new Date().toISOString();
      const started = performance.now();
      const executed = execSchema.parse(await call('POST', `${vm}/exec-await`, { command, timeoutMs: limits.wallTimeMs + 5000 }, limits.wallTimeMs + requestTimeout));
      const wallTimeMs = Math.round(performance.now() - started);
      const exitCode = executed.statusCode ?? null;
      // timeout(1) -s KILL makes the command exit 137; only call it a timeout when the wall limit was really reached.
      const timedOut = exitCode === 137 && wallTimeMs >= limits.wallTimeMs * 0.95;
      const stdout = (executed.stdout ?? '').slice(0, limits.outputBytes);
      const stderr = (executed.stderr ?? '').slice(0, limits.outputBytes);
      const files: CollectedFile[] = [];
      for (const path of request.collectPaths ?? []) {
        const listing = execSchema.parse(await call('POST', `${vm}/exec-await`, { command: `cd ${sandboxWorkspacePath} && find ${q(path)} -maxdepth 3 -type f -size -16M 2>/dev/null | head -200`, timeoutMs: requestTimeout }, requestTimeout));
        for (const file of (listing.stdout ?? '').split('\n').filter(Boolean)) {
          const body = fileSchema.safeParse(await call('GET', `${vm}/files/${encodeURIComponent(`${sandboxWorkspacePath}/${file}`)}`, undefined, requestTimeout).catch(() => null));
          if (body.success) files.push({ path: file.replace(/^\.\//, ''), content: body.data.content });
        }
      }
      return {
        backend: 'freestyle',
        command: request.command,
        exitCode: timedOut ? null : exitCode,
        signal: exitCode === 137 ? 'SIGKILL' : null,
        timedOut,
        limitHit: timedOut ? 'wall-time' : null,
        startedAt,
        wallTimeMs,
        resourceUsage: null,
        stdout,
        stderr,
        chunks: [
          ...(stdout ? [{ atMs: wallTimeMs, stream: 'stdout' as const, text: stdout }] : []),
          ...(stderr ? [{ atMs: wallTimeMs, stream: 'stderr' as const, text: stderr }] : []),
        ],
        outputTruncated: (executed.stdout ?? '').length > limits.outputBytes || (executed.stderr ?? '').length > limits.outputBytes,
        // The VM is remote and never shares Suture's host network; its egress is Freestyle's firewall, not our proxy.
        egress: null,
        files,
      };
    } finally {
      await call('DELETE', vm, undefined, requestTimeout).catch(() => undefined);
    }
  };
  return { backend: 'freestyle', run };
};
