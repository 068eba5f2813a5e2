// Prisma 7 configuration for Suture. Prisma 7 no longer reads the datasource
// URL from schema.prisma: it comes from here. Always run the CLI through
// `node packages/db/scripts/prisma.mjs ...` (or `npm run prisma -w @suture/db -- ...`),
// which passes `--config` pointing at this file and supplies the offline
// schema-engine bridge (packages/db/engine/schema-engine.mjs).
//
// Environment:
//   DATABASE_URL                  postgresql://user:pass@host:port/db[?schema=...]
//   SHADOW_DATABASE_URL           optional; otherwise a temporary database is created and dropped
//   SUTURE_PRISMA_SCHEMA          optional override of the schema path (default <repo>/prisma/schema.prisma)
//   SUTURE_PRISMA_MIGRATIONS      optional override of the migrations dir (default <repo>/prisma/migrations)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const url = process.env.DATABASE_URL;
const shadowDatabaseUrl = process.env.SHADOW_DATABASE_URL;

export default defineConfig({
  schema: path.resolve(process.env.SUTURE_PRISMA_SCHEMA ?? path.join(repoRoot, 'prisma', 'schema.prisma')),
  migrations: {
    path: path.resolve(process.env.SUTURE_PRISMA_MIGRATIONS ?? path.join(repoRoot, 'prisma', 'migrations')),
  },
  // Optional so that `generate` works without a database; migrate/db commands
  // fail with Prisma's own "datasource.url is required" message when unset.
  ...(url ? { datasource: { url, ...(shadowDatabaseUrl ? { shadowDatabaseUrl } : {}) } } : {}),
});
