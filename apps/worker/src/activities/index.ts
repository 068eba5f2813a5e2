// Activities are built from their dependencies, so tests and the worker process wire them the same way.
import { Context } from '@temporalio/activity';
import type { Database } from '@suture/db';
import { pingDatabase } from './ping-database.ts';

export type ActivityDeps = { db: Database };

export const createActivities = (deps: ActivityDeps) => ({
  pingDatabase: async () => ({
    ...(await pingDatabase(deps)),
    workerIdentity: Context.current().info.taskQueue,
  }),
});

export type Activities = ReturnType<typeof createActivities>;
