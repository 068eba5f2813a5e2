import type { SimpleGit } from 'simple-git';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Looks through recent history of a module for a commit that renamed the export `name`: a removed line
 * and an added line identical except for that identifier. Returns the new name only when exactly one
 * rename is found, since a guess would silently point callers at the wrong function.
 */
export const findRenamedExport = async (options: {
  git: SimpleGit;
  file: string;
  name: string;
  depth?: number;
}): Promise<string | null> => {
  const log = await options.git
    .raw(['log', `-n${options.depth ?? 20}`, '-p', '--format=commit %H', '--unified=0', '--', options.file])
    .catch(() => '');
  const candidates = new Set<string>();
  for (const commit of log.split(/^commit [0-9a-f]{40}$/m)) {
    const removed = commit
      .split('\n')
      .filter((line) => line.startsWith('-') && !line.startsWith('---'))
      .map((line) => line.slice(1));
    const added = commit
      .split('\n')
      .filter((line) => line.startsWith('+') && !line.startsWith('+++'))
      .map((line) => line.slice(1));
    for (const line of removed.filter(
      (text) => /\bexport\b/.test(text) && new RegExp(`\\b${escape(options.name)}\\b`).test(text),
    )) {
      const pattern = new RegExp(
        `^${escape(line).replace(new RegExp(`\\b${escape(options.name)}\\b`), '([A-Za-z_$][\\w$]*)')}$`,
      );
      for (const candidate of added) {
        const renamed = pattern.exec(candidate)?.[1];
        if (renamed && renamed !== options.name) candidates.add(renamed);
      }
    }
  }
  return candidates.size === 1 ? ([...candidates][0] ?? null) : null;
};
