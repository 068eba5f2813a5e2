import { diagnoseLog } from '../../diagnosis/diagnose-log.ts';
import { createWorkspace } from '../../workspace/create-workspace.ts';
import { detectTooling } from '../../workspace/detect-tooling.ts';
import { installDependencies } from '../../workspace/install-dependencies.ts';
import type { FixContext } from '../fixer.ts';
import { resolveReportedFiles } from '../resolve-reported-files.ts';
import { ensureRepairFixture } from './ensure-repair-fixture.ts';

/** A ready workspace for one repair fixture, as fixFailure would build it, for testing fixers one by one. */
export const makeFixContext = async (options: { id: string }): Promise<FixContext> => {
  const fixture = await ensureRepairFixture({ id: options.id });
  const diagnosis = diagnoseLog({ text: fixture.log });
  const workspace = await createWorkspace({ sourceDir: fixture.repoDir });
  const tooling = await detectTooling({ dir: workspace.dir });
  await installDependencies({ dir: workspace.dir, tooling, cacheDir: fixture.cacheDir });
  const files = await resolveReportedFiles({ dir: workspace.dir, diagnosis, log: fixture.log });
  return { workspace, tooling, diagnosis, log: fixture.log, files, timeoutMs: 120_000 };
};
