import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runProcessGroup } from './run-process-group.ts';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suture-pg-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// A killed orphan may linger as a zombie until some reaper collects it; a zombie runs nothing, so it counts as dead.
const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
};

describe('runProcessGroup', () => {
  it('kills the whole process group at the wall limit, grandchildren included', async () => {
    const pidFile = join(dir, 'child.pid');
    const result = await runProcessGroup({
      argv: ['/bin/sh', '-c', `sleep 30 & echo $! > ${pidFile}; echo started; wait`],
      wallTimeMs: 700,
      outputBytes: 1024,
    });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL', exitCode: null });
    expect(result.stdout).toBe('started\n');
    const grandchild = Number(await readFile(pidFile, 'utf8'));
    // Bounded wait for the kernel to reap the killed grandchild.
    for (let i = 0; i < 20 && alive(grandchild); i += 1) await sleep(50);
    expect(alive(grandchild)).toBe(false);
  });

  it('keeps timestamped output, caps it, and reports the exit code', async () => {
    const result = await runProcessGroup({
      argv: ['/bin/sh', '-c', 'echo out; echo err >&2; head -c 5000 /dev/zero | tr "\\0" x; exit 3'],
      wallTimeMs: 5000,
      outputBytes: 100,
    });
    expect(result.exitCode).toBe(3);
    expect(result.timedOut).toBe(false);
    expect(result.stderr).toBe('err\n');
    expect(result.stdout.length).toBe(100);
    expect(result.outputTruncated).toBe(true);
    expect(result.chunks.some((chunk) => chunk.stream === 'stderr' && chunk.atMs >= 0)).toBe(true);
  });

  it('stops on abort and fails clearly when the program does not exist', async () => {
    const controller = new AbortController();
    const pending = runProcessGroup({ argv: ['/bin/sleep', '30'], wallTimeMs: 10_000, outputBytes: 10, signal: controller.signal });
    controller.abort();
    await expect(pending).resolves.toMatchObject({ aborted: true, timedOut: false });
    await expect(runProcessGroup({ argv: ['/nonexistent/tool'], wallTimeMs: 1000, outputBytes: 10 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
