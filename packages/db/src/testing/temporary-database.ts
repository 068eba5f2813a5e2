// Test support (imported by other workspaces as @suture/db/testing/temporary-database).
// A fresh, empty database on the test server, migrated with the real `prisma migrate deploy`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const prismaWrapper = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'prisma.mjs');

export type TemporaryDatabase = { url: string; name: string; drop: () => Promise<void> };

const withDatabase = (url: string, database: string) => {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
};

export const createTemporaryDatabase = async (serverUrl: string): Promise<TemporaryDatabase> => {
  const name = `suture_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  return {
    url,
    name,
    drop: async () => {
      const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
};

export const migrateDeploy = (url: string) => {
  const result = spawnSync(process.execPath, [prismaWrapper, 'migrate', 'deploy'], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status ?? 1, output: `${result.stdout}\n${result.stderr}` };
};

/** A fresh database with every migration applied; fails loudly (and cleans up) if migrating fails. */
export const createMigratedDatabase = async (serverUrl: string): Promise<TemporaryDatabase> => {
  const temp = await createTemporaryDatabase(serverUrl);
  const migrated = migrateDeploy(temp.url);
  if (migrated.status !== 0) {
    await temp.drop();
    throw new Error(`prisma migrate deploy failed:\n${migrated.output}`);
  }
  return temp;
};
