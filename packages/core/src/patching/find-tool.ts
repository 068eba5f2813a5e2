import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../workspace/run-command.ts';

const executable = async (path: string): Promise<boolean> =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/**
 * Finds a program: the repository's own install first (node_modules/.bin, .venv/bin), then the extra tools
 * directory, then PATH. Returns null when it is not installed anywhere.
 */
export const findTool = async (options: {
  dir: string;
  name: string;
  toolsDir?: string;
}): Promise<string | null> => {
  const local = [
    join(options.dir, 'node_modules', '.bin', options.name),
    join(options.dir, '.venv', 'bin', options.name),
  ];
  if (options.toolsDir) local.push(join(options.toolsDir, options.name));
  for (const path of local) if (await executable(path)) return path;
  const which = await runCommand({
    cwd: options.dir,
    command: 'sh',
    args: ['-c', `command -v ${options.name}`],
    timeoutMs: 10_000,
  });
  const found = which.stdout.trim();
  return which.exitCode === 0 && found.length > 0 ? found : null;
};
