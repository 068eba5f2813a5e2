import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const sharedLibraries = async (binary: string): Promise<string[]> => {
  const { stdout } = await execFileAsync('ldd', [binary]);
  return [...stdout.matchAll(/(\/\S+) \(0x/g)].map((match) => match[1] ?? '').filter(Boolean);
};

/**
 * A minimal root filesystem with the host's node, npm and a shell (with exactly the shared libraries they load),
 * for `docker import`: there is no image registry here, and the test needs an image that can run `npm ci`.
 */
export const stageNodeImage = async (): Promise<string> => {
  const root = await mkdtemp(join(tmpdir(), 'suture-image-'));
  const binaries = ['/usr/bin/node', '/usr/bin/dash', '/usr/bin/env'];
  const files = new Set<string>(binaries);
  for (const binary of binaries) for (const library of await sharedLibraries(binary)) files.add(library);
  for (const file of files) {
    const real = await realpath(file);
    await mkdir(join(root, dirname(real)), { recursive: true });
    await cp(real, join(root, real));
    if (file !== real) {
      await mkdir(join(root, dirname(file)), { recursive: true }).catch(() => undefined);
      await symlink(real, join(root, file)).catch(() => undefined);
    }
  }
  await cp('/usr/lib/node_modules/npm', join(root, 'usr/lib/node_modules/npm'), { recursive: true });
  await mkdir(join(root, 'bin'), { recursive: true });
  await symlink('/usr/bin/dash', join(root, 'bin/sh'));
  await symlink('/usr/lib/node_modules/npm/bin/npm-cli.js', join(root, 'usr/bin/npm'));
  await mkdir(join(root, 'etc'), { recursive: true });
  await writeFile(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home/sandbox:/bin/sh\n');
  await writeFile(join(root, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  await writeFile(join(root, 'etc/hosts'), '127.0.0.1 localhost\n::1 localhost\n');
  for (const dir of ['tmp', 'workspace', 'home/sandbox', 'run']) await mkdir(join(root, dir), { recursive: true });
  return root;
};
