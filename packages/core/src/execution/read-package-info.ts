import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const packageSchema = z.object({
  scripts: z.record(z.string(), z.string()).optional(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
});

export type PackageInfo = z.infer<typeof packageSchema>;

export type ReadPackageInfoOptions = { dir: string };

/** package.json of dir, or null when absent or unreadable (a broken manifest is the project's test failure, not ours). */
export const readPackageInfo = async (options: ReadPackageInfoOptions): Promise<PackageInfo | null> => {
  const text = await readFile(join(options.dir, 'package.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = packageSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
};
