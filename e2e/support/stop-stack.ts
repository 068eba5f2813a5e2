// Tears down what the global setup started, in reverse: the seeded workflows (so they do not wait 72 h
// for an approval on a task queue nobody polls), the worker, the app, the OpenID Provider, the temporary
// database and the temp dirs. Every step runs even when one before it failed; the errors are reported
// together at the end.
import { rmSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import type { StackState } from './stack-state.ts';
import { stopProcessGroup } from './stop-process-group.ts';

const terminateWorkflows = async (state: StackState) => {
  const connection = await Connection.connect({ address: state.temporalAddress, connectTimeout: 5_000 });
  try {
    const client = new Client({ connection });
    const ids = new Set(state.runs.map((run) => run.workflowId));
    // Specs may start workflows of their own; all of them run on this stack's task queue.
    for await (const execution of client.workflow.list({
      query: `TaskQueue = "${state.taskQueue}" AND ExecutionStatus = "Running"`,
    }))
      ids.add(execution.workflowId);
    for (const id of ids)
      await client.workflow
        .getHandle(id)
        .terminate('e2e teardown')
        .catch(() => undefined); // already finished
  } finally {
    await connection.close();
  }
};

const dropDatabase = async (state: StackState) => {
  const admin = new URL(state.serverDatabaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${state.databaseName.replace(/"/g, '""')}" with (force)`);
  } finally {
    await client.end();
  }
};

export const stopStack = async (state: StackState) => {
  const errors: string[] = [];
  const step = async (what: string, action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (error) {
      errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  if (state.taskQueue) await step('terminating workflows', () => terminateWorkflows(state));
  // Reverse start order: the worker before the app it reports to, the app before its identity provider.
  for (const service of [...state.processes].reverse())
    await step(`stopping ${service.name} (pid ${service.pid})`, () =>
      stopProcessGroup({ pid: service.pid, stackId: state.id }),
    );
  if (state.databaseName) await step(`dropping ${state.databaseName}`, () => dropDatabase(state));
  for (const dir of state.tempDirs)
    await step(`removing ${dir}`, () => Promise.resolve(rmSync(dir, { recursive: true, force: true })));
  if (errors.length > 0) throw new Error(`e2e teardown was incomplete:\n  ${errors.join('\n  ')}`);
};
