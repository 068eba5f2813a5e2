// One demo repository under <dataDir>/demo/<name>: a clone of the generated repair fixture (its history
// included), made once and then left alone, so an approved fix branch stays where the user saw it land.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRepairFixture } from '@suture/core/patching/testing/ensure-repair-fixture';
import { RepairCase, repairSpecDir } from '../../packages/core/scripts/make-repair-fixtures.ts';
import { failingStepCommand } from './failing-step-command.ts';

export type DemoRepository = {
  name: string;
  repoPath: string;
  /** The CI log of the failing commit, as GitHub Actions printed it. */
  log: string;
  /** The failing step's command, with its env. */
  command: string;
  /** Whether this call created the repository (false: it was already there). */
  created: boolean;
};

export const prepareDemoRepository = async (options: {
  fixture: string;
  demoDir: string;
}): Promise<DemoRepository> => {
  const spec = RepairCase.parse(
    JSON.parse(readFileSync(join(repairSpecDir, 'cases', options.fixture, 'case.json'), 'utf8')),
  );
  const fixture = await ensureRepairFixture({ id: options.fixture });
  const repoPath = join(options.demoDir, options.fixture);
  const created = !existsSync(join(repoPath, '.git'));
  if (created) {
    mkdirSync(options.demoDir, { recursive: true });
    execFileSync('git', ['clone', '--quiet', fixture.repoDir, repoPath]);
  }
  return {
    name: options.fixture,
    // As the intake stores it (symlinks resolved), so the demo finds its earlier runs by path.
    repoPath: realpathSync(repoPath),
    log: fixture.log,
    command: failingStepCommand({ step: spec.step, env: spec.env }),
    created,
  };
};
