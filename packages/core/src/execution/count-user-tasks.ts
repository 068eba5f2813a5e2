import { readdir, readFile } from 'node:fs/promises';

export type CountUserTasksOptions = { uid: number };

/** Threads owned by uid: what RLIMIT_NPROC actually counts, so a limit can be set relative to it. */
export const countUserTasks = async (options: CountUserTasksOptions): Promise<number> => {
  const entries = await readdir('/proc').catch(() => []);
  let total = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    const uid = /^Uid:\s+(\d+)/m.exec(status)?.[1];
    if (uid === undefined || Number(uid) !== options.uid) continue;
    total += Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 1);
  }
  return total;
};
