import { posix } from 'node:path';
import type { ContainerCreateOptions } from 'dockerode';
import { sandboxHomePath, sandboxWorkspacePath, type SandboxLimits } from './sandbox-types.ts';

export type BuildDockerCreateOptionsOptions = {
  image: string;
  command: string;
  cwd?: string;
  env: Record<string, string>;
  limits: SandboxLimits;
  /** Host directories bound read-only (the run's egress socket directory). */
  readOnlyBinds?: Array<{ source: string; target: string }>;
  /** argv the command's shell runs under (the egress forwarder). */
  launcher?: string[];
  workspaceHostDir: string;
  /** CPU cores the container may use (NanoCpus); rlimits cap total CPU seconds separately. */
  cpus: number;
  /** "uid:gid" owning the workspace copy. */
  user: string;
  runId: string;
};

/**
 * The same isolation policy as the local backend, in Docker terms: always NetworkMode none (a private namespace
 * with only loopback; the install phase reaches registries through the bound egress socket), read-only root,
 * size-capped tmpfs for /tmp and HOME, memory without swap, a pids cgroup limit, CPU quota plus RLIMIT_CPU,
 * no capabilities, no privilege escalation, and an init process so orphans are reaped.
 */
export const buildDockerCreateOptions = (options: BuildDockerCreateOptionsOptions): ContainerCreateOptions => {
  const { limits } = options;
  const tmpfs = `rw,nosuid,nodev,size=${Math.floor(limits.tmpBytes)}`;
  return {
    Image: options.image,
    Cmd: [...(options.launcher ?? []), '/bin/sh', '-c', options.command],
    WorkingDir: posix.join(sandboxWorkspacePath, options.cwd ?? '.'),
    Env: Object.entries(options.env).map(([key, value]) => `${key}=${value}`),
    User: options.user,
    Hostname: 'suture-sandbox',
    Labels: { 'dev.suture.run': options.runId },
    AttachStdin: false,
    AttachStdout: false,
    AttachStderr: false,
    Tty: false,
    HostConfig: {
      Binds: [`${options.workspaceHostDir}:${sandboxWorkspacePath}:rw`, ...(options.readOnlyBinds ?? []).map((bind) => `${bind.source}:${bind.target}:ro`)],
      NetworkMode: 'none',
      Memory: limits.memoryBytes,
      MemorySwap: limits.memoryBytes,
      NanoCpus: Math.round(options.cpus * 1e9),
      PidsLimit: limits.processes,
      ReadonlyRootfs: true,
      Tmpfs: { '/tmp': tmpfs, [sandboxHomePath]: tmpfs },
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges:true'],
      Ulimits: [
        { Name: 'cpu', Soft: limits.cpuSeconds, Hard: limits.cpuSeconds },
        { Name: 'fsize', Soft: limits.fileSizeBytes, Hard: limits.fileSizeBytes },
        { Name: 'core', Soft: 0, Hard: 0 },
      ],
      Init: true,
      AutoRemove: false,
    },
  };
};
