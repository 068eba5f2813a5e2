import { sandboxWorkspacePath } from './sandbox-types.ts';

export type RelativizePathOptions = { path: string; root?: string };

/** "/workspace/test/a.test.js:5:3" or "file:///workspace/test/a.test.js" -> "test/a.test.js". */
export const relativizePath = (options: RelativizePathOptions): string => {
  const root = options.root ?? sandboxWorkspacePath;
  let path = options.path.trim().replace(/^file:\/\//, '').replace(/:\d+(?::\d+)?$/, '');
  if (path === root) return '.';
  if (path.startsWith(`${root}/`)) path = path.slice(root.length + 1);
  return path;
};
