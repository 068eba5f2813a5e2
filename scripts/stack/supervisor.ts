// Keeps `npm start`'s processes running: a unit that exits while the stack is not stopping is restarted
// under its restart policy and logged plainly; everything else keeps running. Once a unit has spent its
// restart budget the supervisor reports it (`gaveUp`) and the caller stops the whole stack.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createRestartTracker,
  defaultRestartPolicy,
  formatWindow,
  type RestartPolicy,
} from './restart-policy.ts';

export type UnitExit = {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the exit was seen otherwise (a pid that vanished, a start that failed). */
  detail?: string;
};

export type UnitHandle = {
  pid: number | undefined;
  /** Resolves once, when the process is gone. */
  exited: Promise<UnitExit>;
  /** Stops it for good (the supervisor has already stopped watching). */
  stop: () => Promise<void>;
};

export type Unit = { name: string; start: () => Promise<UnitHandle> };

export type GaveUp = { name: string; restarts: number; window: string; lastExit: string };

export type Supervisor = {
  /** Starts the unit (a failing first start throws) and restarts it whenever it exits. */
  add: (unit: Unit) => Promise<UnitHandle>;
  /** Resolves when a unit has spent its restart budget. */
  gaveUp: Promise<GaveUp>;
  /** Stops restarting and stops every unit, the last added first. */
  stop: () => Promise<void>;
  /** The current pid of a unit, for status lines and tests. */
  pidOf: (name: string) => number | undefined;
};

export const describeExit = (exit: UnitExit) =>
  exit.detail ?? (exit.signal ? `exited (signal ${exit.signal})` : `exited (code ${exit.code ?? 'unknown'})`);

const failedStart = (error: unknown): UnitHandle => ({
  pid: undefined,
  exited: Promise.resolve({
    code: null,
    signal: null,
    detail: `could not be started: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
  }),
  stop: () => Promise.resolve(),
});

export const createSupervisor = (options: {
  log: (line: string) => void;
  policy?: RestartPolicy;
  now?: () => number;
}): Supervisor => {
  const policy = options.policy ?? defaultRestartPolicy;
  const now = options.now ?? Date.now;
  const window = formatWindow(policy.windowMs);
  const stopping = new AbortController();
  const current = new Map<string, UnitHandle>();
  const order: string[] = [];
  let reportGaveUp: (gaveUp: GaveUp) => void = () => undefined;
  const gaveUp = new Promise<GaveUp>((resolve) => (reportGaveUp = resolve));

  const watch = async (unit: Unit, first: UnitHandle) => {
    const tracker = createRestartTracker(policy, now);
    let handle = first;
    let startedAt = now();
    for (;;) {
      const exit = await handle.exited;
      if (stopping.signal.aborted) return;
      const decision = tracker.onExit(startedAt);
      if (decision.action === 'give-up') {
        options.log(
          `${unit.name} ${describeExit(exit)}; it was restarted ${decision.restartsInWindow} times in ${window}, giving up`,
        );
        reportGaveUp({
          name: unit.name,
          restarts: decision.restartsInWindow,
          window,
          lastExit: describeExit(exit),
        });
        return;
      }
      options.log(
        `${unit.name} ${describeExit(exit)}; restarting in ${(decision.delayMs / 1000).toFixed(1)} s (restart ${decision.restart} of ${policy.maxRestarts} in ${window})`,
      );
      try {
        await sleep(decision.delayMs, undefined, { signal: stopping.signal });
      } catch {
        return; // stopping
      }
      handle = await unit.start().catch(failedStart);
      startedAt = now();
      if (stopping.signal.aborted) {
        await handle.stop();
        return;
      }
      current.set(unit.name, handle);
      if (handle.pid !== undefined) options.log(`${unit.name} restarted (pid ${handle.pid})`);
    }
  };

  return {
    add: async (unit) => {
      const handle = await unit.start();
      current.set(unit.name, handle);
      order.push(unit.name);
      void watch(unit, handle);
      return handle;
    },
    gaveUp,
    stop: async () => {
      stopping.abort();
      for (const name of [...order].reverse()) await current.get(name)?.stop();
    },
    pidOf: (name) => current.get(name)?.pid,
  };
};
