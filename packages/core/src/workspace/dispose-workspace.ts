import { rm } from 'node:fs/promises';
import type { Workspace } from './workspace.ts';

export const disposeWorkspace = async (options: { workspace: Workspace }): Promise<void> => {
  await rm(options.workspace.dir, { recursive: true, force: true });
};
