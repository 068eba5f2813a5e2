export { createDatabase, getDatabase, type CreateDatabaseOptions, type Database } from './client.ts';
export * from './generated/prisma/enums.ts';
export type * from './generated/prisma/models.ts';
export { Prisma } from './generated/prisma/client.ts';
