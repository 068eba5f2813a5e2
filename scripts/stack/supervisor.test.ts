// The supervisor on real child processes (small `node -e` programs): restart after SIGKILL, the others
// left alone, the budget, and shutdown.
import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { childUnit } from './child-unit.ts';
import { createSupervisor, type Supervisor } from './supervisor.ts';
import { isPidAlive, waitFor } from './process-utils.ts';

const quiet = new PassThrough().resume();
const node = (name: string, script: string) =>
  childUnit({
    name,
    command: process.execPath,
    args: ['-e', script],
    env: process.env,
    cwd: process.cwd(),
    graceMs: 2_000,
    stdout: quiet,
    stderr: quiet,
  });
const forever = 'setInterval(() => {}, 1000)';
const fast = {
  maxRestarts: 2,
  windowMs: 60_000,
  healthyAfterMs: 60_000,
  initialDelayMs: 50,
  maxDelayMs: 200,
};

let supervisor: Supervisor | undefined;
afterEach(async () => {
  await supervisor?.stop();
  supervisor = undefined;
});

describe('createSupervisor', () => {
  it('restarts a process killed with SIGKILL and leaves the others running', async () => {
    const lines: string[] = [];
    supervisor = createSupervisor({ log: (line) => lines.push(line), policy: { ...fast, maxRestarts: 5 } });
    const worker = await supervisor.add(node('worker', forever));
    const web = await supervisor.add(node('web', forever));
    process.kill(-worker.pid!, 'SIGKILL');

    expect(
      await waitFor(() => Promise.resolve(lines.some((l) => l.startsWith('worker restarted'))), 10_000, 50),
    ).toBe(true);
    expect(lines[0]).toMatch(
      /^worker exited \(signal SIGKILL\); restarting in 0\.\d s \(restart 1 of 5 in 1 min\)$/,
    );
    const restarted = supervisor.pidOf('worker');
    expect(restarted).toBeDefined();
    expect(restarted).not.toBe(worker.pid);
    expect(isPidAlive(restarted!)).toBe(true);
    expect(supervisor.pidOf('web')).toBe(web.pid);
    expect(isPidAlive(web.pid!)).toBe(true);
  });

  it('kills what the dead process left in its group before restarting it', async () => {
    supervisor = createSupervisor({ log: () => undefined, policy: fast });
    // The leader starts a grandchild in its group and prints its pid; then the leader alone is killed.
    let grandchild = 0;
    const unit = childUnit({
      name: 'web',
      command: process.execPath,
      args: [
        '-e',
        `const c = require('node:child_process').spawn(process.execPath, ['-e', '${forever}'], { stdio: 'ignore' }); console.log('child ' + c.pid); ${forever}`,
      ],
      env: process.env,
      cwd: process.cwd(),
      stdout: new PassThrough().on('data', (chunk: Buffer) => {
        const match = /child (\d+)/.exec(chunk.toString());
        if (match) grandchild = Number(match[1]);
      }),
      stderr: quiet,
    });
    const first = await supervisor.add(unit);
    expect(await waitFor(() => Promise.resolve(grandchild > 0), 10_000, 50)).toBe(true);
    const orphan = grandchild;
    process.kill(first.pid!, 'SIGKILL');
    expect(await waitFor(() => Promise.resolve(!isPidAlive(orphan)), 10_000, 50)).toBe(true);
  });

  it('gives up on a process that keeps crashing, naming it', async () => {
    const lines: string[] = [];
    supervisor = createSupervisor({ log: (line) => lines.push(line), policy: fast });
    await supervisor.add(node('worker', 'process.exit(3)'));
    const gaveUp = await Promise.race([
      supervisor.gaveUp,
      new Promise<undefined>((done) => setTimeout(() => done(undefined), 15_000)),
    ]);
    expect(gaveUp).toEqual({ name: 'worker', restarts: 2, window: '1 min', lastExit: 'exited (code 3)' });
    expect(lines.filter((line) => line.includes('; restarting in '))).toHaveLength(2);
    expect(lines.at(-1)).toBe('worker exited (code 3); it was restarted 2 times in 1 min, giving up');
  });

  it('counts a start that fails as a crash', async () => {
    const lines: string[] = [];
    supervisor = createSupervisor({ log: (line) => lines.push(line), policy: fast });
    await supervisor.add({
      name: 'temporal',
      start: async () => {
        if (lines.length > 0) throw new Error('port 7233 is taken\nmore detail');
        return node('temporal', 'process.exit(1)').start();
      },
    });
    const gaveUp = await supervisor.gaveUp;
    expect(gaveUp.lastExit).toBe('could not be started: port 7233 is taken');
  });

  it('stops every process on stop() and restarts none of them', async () => {
    const lines: string[] = [];
    supervisor = createSupervisor({ log: (line) => lines.push(line), policy: fast });
    const a = await supervisor.add(node('worker', forever));
    const b = await supervisor.add(
      node('web', 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)'),
    );
    const started = Date.now();
    await supervisor.stop();
    supervisor = undefined;
    expect(isPidAlive(a.pid!)).toBe(false);
    expect(isPidAlive(b.pid!)).toBe(false); // ignored SIGTERM: SIGKILL after the grace period
    expect(Date.now() - started).toBeLessThan(10_000);
    await new Promise((done) => setTimeout(done, 300));
    expect(lines).toEqual([]);
  });
});
