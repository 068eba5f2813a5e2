// A supervised service that is not our child (the Temporal dev server is detached, pg_ctl's postmaster is
// daemonised): watched by its pid, restarted through its own start function. `start` means "make sure it
// runs, then watch it", so the first call only attaches to the service `ensureServices` brought up.
import { isPidAlive } from './process-utils.ts';
import type { Unit, UnitExit } from './supervisor.ts';

export type ServiceUnitOptions = {
  name: string;
  /** The running service's pid, if it runs. */
  pid: () => number | undefined;
  /** Brings the service up again (bounded; throws when it does not come up). */
  restart: () => Promise<void>;
  pollMs?: number;
};

export const serviceUnit = (options: ServiceUnitOptions): Unit => ({
  name: options.name,
  start: async () => {
    const running = () => {
      const pid = options.pid();
      return pid !== undefined && isPidAlive(pid) ? pid : undefined;
    };
    let pid = running();
    if (pid === undefined) {
      await options.restart();
      pid = running();
      if (pid === undefined) throw new Error(`${options.name} did not stay up after starting`);
    }
    const watched = pid;
    let timer: NodeJS.Timeout | undefined;
    let settle: (exit: UnitExit) => void = () => undefined;
    const exited = new Promise<UnitExit>((resolve) => {
      settle = resolve;
      timer = setInterval(() => {
        if (isPidAlive(watched)) return;
        clearInterval(timer);
        resolve({ code: null, signal: null, detail: `is no longer running (pid ${watched})` });
      }, options.pollMs ?? 1_000);
    });
    return {
      pid: watched,
      exited,
      // Only the watching stops: the stack stops the services it started itself (see stopStarted).
      stop: () => {
        clearInterval(timer);
        settle({ code: null, signal: null, detail: 'no longer watched' });
        return Promise.resolve();
      },
    };
  },
});
