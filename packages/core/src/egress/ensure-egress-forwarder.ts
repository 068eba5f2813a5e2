import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { access, constants, copyFile, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { AppError } from '../errors/app-error.ts';

export type EnsureEgressForwarderOptions = {
  /** Cache root (e.g. .data/tools); the binary lands in egress-forwarder/<source hash>/. */
  toolsDir: string;
  /** The Go toolchain used to build it once (CGO off, so the binary is static and runs in any image). */
  goBinary: string;
  /** PATH and HOME for the build. */
  env: { PATH: string; HOME: string };
  timeoutMs?: number;
};

const execFileAsync = promisify(execFile);
const sourceDir = new URL('./forwarder/', import.meta.url);

const isExecutable = (path: string): Promise<boolean> => access(path, constants.X_OK).then(() => true, () => false);

/**
 * The in-sandbox forwarder binary, built from forwarder/main.go the first time and cached by the source's
 * hash (a changed source builds a new one). Built in a staging directory and renamed, so concurrent workers
 * never run a half-written file.
 */
export const ensureEgressForwarder = async (options: EnsureEgressForwarderOptions): Promise<string> => {
  const [main, mod] = await Promise.all([readFile(new URL('main.go', sourceDir)), readFile(new URL('go.mod', sourceDir))]);
  const hash = createHash('sha256').update(main).update(mod).digest('hex').slice(0, 16);
  const root = join(options.toolsDir, 'egress-forwarder');
  const binary = join(root, hash, 'suture-egress-forwarder');
  if (await isExecutable(binary)) return binary;
  const staging = join(root, `.build-${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  try {
    await copyFile(new URL('main.go', sourceDir), join(staging, 'main.go'));
    await copyFile(new URL('go.mod', sourceDir), join(staging, 'go.mod'));
    await execFileAsync(options.goBinary, ['build', '-trimpath', '-ldflags=-s -w', '-o', 'suture-egress-forwarder', '.'], {
      cwd: staging,
      timeout: options.timeoutMs ?? 300_000,
      env: { PATH: options.env.PATH, HOME: options.env.HOME, GOCACHE: join(root, 'go-build-cache'), CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', GOPROXY: 'off' },
    });
    await mkdir(join(root, hash), { recursive: true });
    await rename(join(staging, 'suture-egress-forwarder'), binary);
    return binary;
  } catch (error) {
    if (await isExecutable(binary)) return binary;
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('UNAVAILABLE', `cannot build the sandbox egress forwarder with ${options.goBinary}: ${message.slice(0, 500)}`, { cause: error });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
};
