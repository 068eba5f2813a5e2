import { createHash } from 'node:crypto';
import type { Database } from '../client.ts';
import type { Prisma } from '../generated/prisma/client.ts';

export type StoreArtifactOptions = {
  db: Database | Prisma.TransactionClient;
  content: Buffer;
  mediaType: string;
};

/** Content-addressed: storing the same bytes twice keeps one row and returns the same id. */
export const storeArtifact = async ({ db, content, mediaType }: StoreArtifactOptions): Promise<string> => {
  const sha256 = createHash('sha256').update(content).digest('hex');
  await db.artifact.upsert({
    where: { sha256 },
    update: {},
    create: {
      sha256,
      sizeBytes: content.length,
      mediaType,
      storage: 'database',
      content: new Uint8Array(content),
    },
  });
  return sha256;
};

export const readArtifact = async ({
  db,
  sha256,
}: {
  db: Database | Prisma.TransactionClient;
  sha256: string;
}): Promise<Buffer> => {
  const row = await db.artifact.findUniqueOrThrow({ where: { sha256 } });
  if (!row.content) throw new Error(`artifact ${sha256} has no stored content (storage ${row.storage})`);
  return Buffer.from(row.content);
};
