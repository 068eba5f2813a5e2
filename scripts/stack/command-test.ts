// `npm test`: the services, then static checks, every workspace's suites and the browser tests on them.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall } from './apt.ts';
import { repoRoot, type StackConfig } from './config.ts';
import { which } from './process-utils.ts';
import { runE2e } from './run-e2e.ts';
import { ensureServices, stopStarted } from './services.ts';
import { log, migrate, npx, printServices, runInherited, seconds, serviceEnv } from './stack-env.ts';
import { collectTotals } from './test-summary.ts';

export const commandTest = async (config: StackConfig, extraArgs: string[]): Promise<number> => {
  const started = Date.now();
  const services = await ensureServices(config);
  // The Docker sandbox backend's tests start a dockerd of their own (own data root and socket).
  if (!which('dockerd')) aptInstall(['docker.io'], "the Docker sandbox backend's tests start their own dockerd");
  log(`services ready in ${seconds(started)}`);
  printServices(services);
  const env = serviceEnv(config, services);
  const reportsDir = join(repoRoot, 'reports');
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(reportsDir, { recursive: true });
  let code = 1;
  try {
    await migrate(env);
    // Static checks first (cheap, parallel); then the suites one workspace at a time, since each already
    // uses every core and several start servers and sandboxes of their own.
    const checks = await runInherited(
      npx('turbo'),
      ['run', 'lint', 'typecheck', 'lint:root', 'typecheck:root', '--output-logs=errors-only', ...extraArgs],
      env,
    );
    const suites = await runInherited(
      npx('turbo'),
      ['run', 'test', 'test:root', '--concurrency=1', '--output-logs=new-only', ...extraArgs],
      env,
    );
    // The dashboard's browser tests (Playwright) run whatever the suites did, so one CI run reports every
    // failure; their global setup starts a stack of its own on these services and stops it again.
    const e2e = await runE2e({ env });
    code = checks !== 0 ? checks : suites !== 0 ? suites : e2e;
  } finally {
    await stopStarted(services.services);
  }
  const totals = collectTotals(reportsDir);
  for (const line of totals.suites) log(line);
  log(`npm test finished in ${seconds(started)} (exit ${code})`);
  if (code !== 0 && totals.failed === 0) totals.failed = 1; // a failing lint/typecheck/build counts too
  console.log(
    `tests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
  );
  return code;
};
