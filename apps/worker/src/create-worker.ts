import { fileURLToPath } from 'node:url';
import { Worker, type NativeConnection } from '@temporalio/worker';
import { createActivities, type ActivityDeps } from './activities/index.ts';

export const workflowsPath = fileURLToPath(new URL('./workflows/index.ts', import.meta.url));

export type CreateWorkerOptions = {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  deps: ActivityDeps;
  identity?: string;
};

export const createWorker = ({ connection, namespace, taskQueue, deps, identity }: CreateWorkerOptions) =>
  Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowsPath,
    activities: createActivities(deps),
    ...(identity ? { identity } : {}),
  });
