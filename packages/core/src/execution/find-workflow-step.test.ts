import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectInstallCommand } from './detect-install-command.ts';
import { detectTestCommand } from './detect-test-command.ts';
import { findWorkflowStep } from './find-workflow-step.ts';
import { prepareTestPlan } from './prepare-test-plan.ts';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suture-wf-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const workflow = `
name: ci
env: { NODE_ENV: test, TOKEN: "\${{ secrets.TOKEN }}" }
defaults: { run: { working-directory: app } }
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - run: npm run lint
  test:
    name: Unit tests
    strategy: { matrix: { shard: [1, 2] } }
    env: { TZ: Europe/Paris }
    steps:
      - uses: actions/checkout@v4
      - run: npm ci
      - name: Run tests
        run: npm test -- --shard=\${{ matrix.shard }}/2 --token=\${{ secrets.X }}
        env: { DEBUG: "1" }
  e2e:
    steps:
      - name: Playwright
        working-directory: e2e
        run: npx playwright test
`;

describe('findWorkflowStep', () => {
  it('finds the failed job by display name (with matrix suffix) and its test step', async () => {
    await mkdir(join(dir, '.github', 'workflows'), { recursive: true });
    await writeFile(join(dir, '.github', 'workflows', 'ci.yml'), workflow);
    const step = await findWorkflowStep({ repoDir: dir, jobName: 'Unit tests (1)' });
    expect(step).toMatchObject({
      workflowFile: '.github/workflows/ci.yml',
      jobId: 'test',
      stepName: 'Run tests',
      command: 'npm test -- --shard=1/2 --token=${{ secrets.X }}',
      workingDirectory: 'app',
      env: { NODE_ENV: 'test', TZ: 'Europe/Paris', DEBUG: '1' },
      unresolved: ['${{ secrets.X }}'],
    });
    const e2e = await findWorkflowStep({ repoDir: dir, jobName: 'e2e', stepName: 'Playwright' });
    expect(e2e).toMatchObject({ command: 'npx playwright test', workingDirectory: 'e2e' });
    expect(await findWorkflowStep({ repoDir: dir, jobName: 'nope' })).toBeNull();
  });

  it('falls back to the project test command and its install step', async () => {
    expect(await detectTestCommand({ dir })).toBeNull();
    await writeFile(join(dir, 'go.mod'), 'module x\n');
    expect(await detectTestCommand({ dir })).toBe('go test ./...');
    expect(await detectInstallCommand({ dir })).toBe('go mod download');
    await writeFile(join(dir, 'package.json'), JSON.stringify({ scripts: { test: 'vitest run' }, devDependencies: { vitest: '4.0.0' } }));
    await writeFile(join(dir, 'package-lock.json'), '{}');
    expect(await detectTestCommand({ dir })).toBe('npm test');
    expect(await detectInstallCommand({ dir })).toBe('npm ci --no-audit --no-fund');
    const plan = await prepareTestPlan({ repoDir: dir });
    expect(plan).toMatchObject({ source: 'detected', command: 'npm test', cwd: '.', detection: { runner: 'vitest' } });
    await expect(prepareTestPlan({ repoDir: join(dir, 'missing') })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
