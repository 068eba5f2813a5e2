import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import Docker from 'dockerode';

const execFileAsync = promisify(execFile);

export type DockerEngine = {
  socketPath: string;
  docker: Docker;
  /** `docker import` of a directory tree as image `name`. */
  importImage: (options: { rootDir: string; name: string }) => Promise<void>;
  stop: () => Promise<void>;
};

/**
 * A real Docker Engine of the test's own: dockerd with a private data root, exec root and socket under a temp
 * directory, no bridge and no iptables changes (sandbox containers use NetworkMode none anyway). Stopped and
 * removed by stop(). Needs root and the Debian docker.io package (dockerd, containerd, runc).
 */
export const startDockerEngine = async (): Promise<DockerEngine> => {
  const dir = await mkdtemp(join(tmpdir(), 'suture-dockerd-'));
  const socketPath = join(dir, 'docker.sock');
  const log = await open(join(dir, 'dockerd.log'), 'a');
  const child: ChildProcess = spawn(
    'dockerd',
    ['--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '--host', `unix://${socketPath}`, '--pidfile', join(dir, 'dockerd.pid'), '--bridge', 'none', '--iptables=false', '--ip6tables=false'],
    { stdio: ['ignore', log.fd, log.fd] },
  );
  const docker = new Docker({ socketPath });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(15_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await log.close();
    await rm(dir, { recursive: true, force: true });
  };
  // Bounded: 60 pings, 0.5 s apart.
  let up = false;
  for (let attempt = 0; attempt < 60 && !up && child.exitCode === null; attempt += 1) {
    up = await docker.ping().then(() => true, () => false);
    if (!up) await sleep(500);
  }
  if (!up) {
    await stop();
    throw new Error('dockerd did not come up (is the docker.io package installed, and are we root?)');
  }
  return {
    socketPath,
    docker,
    importImage: async ({ rootDir, name }) => {
      await execFileAsync('sh', ['-c', 'tar -C "$1" -c . | docker -H "unix://$2" import - "$3"', 'import', rootDir, socketPath, name], { timeout: 120_000, maxBuffer: 1 << 20 });
    },
    stop,
  };
};
