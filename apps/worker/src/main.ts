// The worker process: validates env, connects to Temporal and Postgres, runs until SIGINT/SIGTERM.
import { DefaultLogger, NativeConnection, Runtime, type LogLevel } from '@temporalio/worker';
import pino from 'pino';
import { createDatabase } from '@suture/db';
import { buildHealingDeps } from './build-deps.ts';
import { createWorker } from './create-worker.ts';
import { loadWorkerEnv } from './env.ts';

const env = loadWorkerEnv();
const log = pino({ level: env.LOG_LEVEL, base: { service: 'worker' } });

// The SDK's own logs (including the workflow bundler's) go through pino, at warn unless debugging.
const sdkLevel: LogLevel = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace' ? 'DEBUG' : 'WARN';
Runtime.install({
  logger: new DefaultLogger(sdkLevel, (entry) => {
    const level =
      entry.level === 'TRACE' ? 'trace' : (entry.level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error');
    log[level]({ ...entry.meta, sdk: 'temporal' }, entry.message);
  }),
});

const main = async () => {
  const db = createDatabase({ databaseUrl: env.DATABASE_URL });
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  try {
    const worker = await createWorker({
      connection,
      namespace: env.TEMPORAL_NAMESPACE,
      taskQueue: env.SUTURE_TASK_QUEUE,
      deps: buildHealingDeps({ env, db }),
    });
    log.info({ taskQueue: env.SUTURE_TASK_QUEUE, address: env.TEMPORAL_ADDRESS }, 'worker started');
    // Worker.run() resolves after a graceful shutdown triggered by SIGINT/SIGTERM.
    await worker.run();
    log.info('worker stopped');
  } finally {
    await connection.close();
    await db.$disconnect();
  }
};

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'worker failed');
  process.exit(1);
});
