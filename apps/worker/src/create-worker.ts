import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { Database } from '@suture/db';
import { createActivities } from './activities/index.ts';

export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export type CreateWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  db: Database;
  identity?: string;
};

export const createWorker = ({ connection, namespace, taskQueue, db, identity }: CreateWorkerOptions) =>
  Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath,
    activities: createActivities({ db }),
    ...(identity ? { identity } : {}),
  });
