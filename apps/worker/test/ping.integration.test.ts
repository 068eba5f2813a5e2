// The ping workflow end to end on real services: Temporal dev server -> worker -> activity -> Postgres.
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '@suture/db';
import { workflowNames, type PingWorkflow } from '@suture/core';
import { createWorker } from '../src/create-worker.ts';
import { testDeps } from './test-deps.ts';
import { testEnv } from './test-env.ts';

const env = testEnv();
let db: Database;

beforeAll(() => {
  db = createDatabase({ databaseUrl: env.DATABASE_URL, maxConnections: 2 });
});
afterAll(async () => {
  await db.$disconnect();
});

describe('ping workflow', () => {
  it('runs through the worker on the shared Temporal dev server and reaches Postgres', async () => {
    const taskQueue = `test-ping-${randomUUID()}`;
    const nativeConnection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
    const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
    try {
      const worker = await createWorker({
        connection: nativeConnection,
        namespace: 'default',
        taskQueue,
        deps: testDeps(db),
      });
      const client = new Client({ connection });
      const result = await worker.runUntil(
        client.workflow.execute<PingWorkflow>(workflowNames.ping, {
          taskQueue,
          workflowId: `ping-${randomUUID()}`,
          args: [{ requestedBy: 'vitest' }],
        }),
      );
      const ping = result;
      expect(ping.requestedBy).toBe('vitest');
      expect(ping.database.ok).toBe(true);
      expect(ping.database.serverVersion).toMatch(/^\d+/);
      expect(ping.workerIdentity).toBe(taskQueue);
    } finally {
      await connection.close();
      await nativeConnection.close();
    }
  });

  it('runs in a TestWorkflowEnvironment and surfaces a database outage as a workflow failure', async () => {
    const testEnvironment = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: env.SUTURE_TEMPORAL_BIN } },
    });
    const broken = createDatabase({
      databaseUrl: 'postgresql://nobody:wrong@127.0.0.1:1/none',
      connectionTimeoutMs: 500,
    });
    try {
      const taskQueue = `test-ping-${randomUUID()}`;
      const healthy = await createWorker({
        connection: testEnvironment.nativeConnection,
        namespace: testEnvironment.namespace ?? 'default',
        taskQueue,
        deps: testDeps(db),
      });
      const ok = await healthy.runUntil(
        testEnvironment.client.workflow.execute<PingWorkflow>(workflowNames.ping, {
          taskQueue,
          workflowId: `ping-${randomUUID()}`,
          args: [{ requestedBy: 'env' }],
        }),
      );
      expect(ok.database.ok).toBe(true);

      const brokenQueue = `test-ping-broken-${randomUUID()}`;
      const failing = await createWorker({
        connection: testEnvironment.nativeConnection,
        namespace: testEnvironment.namespace ?? 'default',
        taskQueue: brokenQueue,
        deps: testDeps(broken),
      });
      const outcome = failing.runUntil(
        testEnvironment.client.workflow.execute<PingWorkflow>(workflowNames.ping, {
          taskQueue: brokenQueue,
          workflowId: `ping-${randomUUID()}`,
          args: [{ requestedBy: 'env' }],
          workflowExecutionTimeout: '30 seconds',
        }),
      );
      await expect(outcome).rejects.toThrow(/Workflow execution failed|activity/i);
    } finally {
      await broken.$disconnect();
      await testEnvironment.teardown();
    }
  });
});
