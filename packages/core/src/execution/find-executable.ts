import { access, constants } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';

export type FindExecutableOptions = { name: string; searchPath: string };

/** PATH lookup without spawning a shell; null when absent so callers can raise their own, specific error. */
export const findExecutable = async (options: FindExecutableOptions): Promise<string | null> => {
  const candidates = isAbsolute(options.name)
    ? [options.name]
    : options.searchPath.split(delimiter).filter(Boolean).map((dir) => join(dir, options.name));
  for (const candidate of candidates) {
    const ok = await access(candidate, constants.X_OK).then(() => true, () => false);
    if (ok) return candidate;
  }
  return null;
};
